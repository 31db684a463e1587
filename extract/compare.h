/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Comparing bytes of two compilations of one source, the patched object
 * against the original: the same bytes outside relocations, and
 * relocations at the same offsets, of the same types, naming the same
 * things, said the way both compilations agree on (see compare.c).
 */
#ifndef SPECSYMS_COMPARE_H
#define SPECSYMS_COMPARE_H

#include <stdint.h>

#include "../verify/check.h"
#include "../verify/relocs.h"
#include "extract.h"

/*
 * Unnamed bytes may point at more unnamed bytes. The comparison goes that
 * deep and compares that many spans per comparison, and calls the bytes
 * different beyond: too much is safe in a livepatch, too little is not.
 */
#define MAX_DEPTH	8
#define MAX_SPANS	4096

struct span {
	uint32_t sec;
	uint64_t start, end;
};

enum referent_kind {
	REF_NOWHERE,	/* no section, or outside it: the addend alone */
	REF_NAME,	/* the relocation's symbol, by name */
	REF_INSIDE,	/* inside a named symbol: its name */
	REF_NUMBERED,	/* inside a numbered constant: its name and bytes */
	REF_STATIC,	/* inside a numbered static that holds state */
	REF_BYTES,	/* inside bytes no name covers: those bytes */
};

/* What a relocation names, as both compilations can agree on it. */
struct referent {
	enum referent_kind kind;
	const char *name;
	uint32_t sym;		/* REF_STATIC: the static's symbol */
	int64_t delta;		/* the addend, or the offset from the start */
	struct span bytes;
};

struct function_name {
	const char *name;
	uint32_t sym;
};

/* One of the two objects. */
struct side {
	const struct checked_file *cf;
	const struct elf_view *v;
	struct places names;
	struct reloc_cache relocs;
	struct function_name *funcs;	/* STT_FUNC symbols by name, then index */
	uint64_t nfuncs;
};

struct comparison {
	struct side in, orig;
	/*
	 * Per symbol of the patched object: the original's symbol of the
	 * numbered static it is, 0 while unknown (see pairing.c).
	 */
	uint32_t *pair;
	unsigned int spans;	/* compared since compare_begin() */
	/* The spans being compared, outermost first: a cycle ends there. */
	struct span open[2][MAX_DEPTH + 1];
};

int side_open(struct side *s, const struct checked_file *cf);
void side_close(struct side *s);

/* How many functions from k on share k's name. */
uint64_t namesakes(const struct side *s, uint64_t k);

/*
 * Walk the function names of both sides in order: each(ctx, i, ni, j, nj)
 * for every name, at slot i of a (ni functions of that name, 0 when a
 * lacks it) and slot j of b (nj, 0 when b lacks it). Stops at the first
 * non-zero return and returns it.
 */
int merge_names(const struct side *a, const struct side *b,
		int (*each)(void *ctx, uint64_t i, uint64_t ni, uint64_t j,
			    uint64_t nj),
		void *ctx);

/* The first function named by len bytes of name, or -1. */
int64_t find_function(const struct side *s, const char *name, size_t len);

/*
 * gcc's numbered statics (offsets.39, __already_done.2): local data whose
 * name holds ".N". A numbered static holds state unless it is read-only.
 */
int is_numbered(const struct elf_symbol *s);
int holds_state(const struct elf_view *v, const struct elf_symbol *s);

/* What relocation rel of section from in side s names. */
struct referent referent(const struct side *s, uint32_t from,
			 const struct elf_reloc *rel);

/* Start comparing anew: the span budget is per comparison. */
static inline void compare_begin(struct comparison *c)
{
	c->spans = 0;
}

/*
 * Span a of the patched object against span b of the original: 1 the
 * same, 0 not, -1 out of memory.
 */
int same_bytes(struct comparison *c, const struct span *a,
	       const struct span *b, int depth);

/* The same for two symbols' bytes: sizes first. */
int same_symbol(struct comparison *c, uint32_t in, uint32_t orig);

#endif
