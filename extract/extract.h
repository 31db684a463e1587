/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Extracting functions from a checked object together with the entries of
 * the checked sections that belong to them. The extractor knows entries
 * only as the verifier does: by their entry symbols, the policy's section
 * classification, section flags and relocations. No section is named here
 * and no struct layout is known.
 */
#ifndef SPECSYMS_EXTRACT_H
#define SPECSYMS_EXTRACT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../elf/elf_writer.h"
#include "../elf/options.h"
#include "../verify/check.h"
#include "../verify/relocs.h"

/*
 * Input bytes that go to the output whole: a function's section, one unit
 * of a checked section (an entry, or an sh_entsize slice where there are
 * no entry symbols) or a run of bytes no symbol names.
 */
struct piece {
	uint64_t start, end;	/* [start, end) of input section sec */
	uint64_t out;		/* offset in its output section */
	uint32_t sec;
	uint32_t unit;		/* unit index + 1, 0 when not a unit */
	uint32_t object;	/* a named data object's symbol, or 0 */
};

/* The units of the checked sections and the named symbols, by section. */
struct places {
	uint64_t *first;	/* units per section; first[shnum] = total */
	struct entry *units;	/* entries; slices have symbol 0 */
	struct function_index named;	/* symbols with a name, defined in a section */
	uint64_t *reach;	/* per named[] slot: furthest end up to it */
	unsigned char *is_entry;	/* per symbol: it names an entry */
};

struct run_set {
	uint64_t *slots;	/* piece index + 1, 0 for free */
	uint64_t mask;
	uint64_t used;
};

struct extraction {
	const struct checked_file *in;
	const struct elf_view *v;
	struct places places;
	struct piece *pieces;
	uint64_t npieces, cap;
	uint64_t *whole;		/* per section: piece + 1, taken whole */
	uint64_t *unit_piece;		/* per unit: piece + 1 */
	uint64_t *object_piece;		/* per symbol: its data object's piece + 1 */
	struct run_set runs;		/* unnamed bytes taken, by start */
	struct reloc_cache relocs;
	int rela;			/* relocations carry their addends */
	/* Per symbol: a function taken whole as a root, or carried. */
	unsigned char *is_root;
	/* Per symbol, from the roots: comes along once reached, or NULL. */
	const unsigned char *carry;
	/* Per symbol, from the roots: the name to refer to it by, or NULL. */
	const char *const *rename;
};

/*
 * What to extract: functions, and data objects that must come along.
 * carry, when set, marks per input symbol the functions and data objects
 * that come along as soon as something taken refers to them (new code of
 * a patch); rename gives, per input symbol, the name an output that does
 * not copy it refers to it by (NULL: its own).
 */
struct extract_roots {
	const char *const *functions;
	size_t nfunctions;
	const char *const *data;
	size_t ndata;
	const unsigned char *carry;
	const char *const *rename;
	/* Filled when set: the functions and data objects copied, by name. */
	struct name_list *copied_functions, *copied_data;
	/*
	 * Filled when set: the sections carried whose entries the module
	 * must apply itself at load (carriage.c), by name.
	 */
	struct name_list *at_load;
	/* When set: what the extraction leaves behind, and why. */
	FILE *explain;
};

/*
 * Extract the named functions of a checked relocatable object, with their
 * cold parts and every entry that belongs to them, and the named data
 * objects, into *out, a writer
 * holding the finished description (the caller writes and frees it).
 * Every section that points into the copied code from bytes not copied
 * is then decided by the carriage table (account.c).
 * VERDICT_CLEAN on success; VERDICT_VIOLATIONS when a name cannot be
 * extracted, a relocation cannot be carried over or a section pointing
 * into the copied code is refused; VERDICT_UNUSABLE when
 * the file is no relocatable object or memory ran out. Each failure is
 * diagnosed. Symbol values are section offsets throughout: ET_REL only.
 */
enum verdict extract_functions(const struct checked_file *in,
			       const struct extract_roots *roots,
			       struct elf_writer **out);

#endif
