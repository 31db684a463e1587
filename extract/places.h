/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What lies where a relocation points: units of checked sections, named
 * symbols, and the bytes between them that no symbol names.
 */
#ifndef SPECSYMS_PLACES_H
#define SPECSYMS_PLACES_H

#include "extract.h"

enum place_kind {
	PLACE_NOWHERE,		/* outside the section, or nothing to copy */
	PLACE_WHOLE,		/* in a section copied whole */
	PLACE_UNITS,		/* units first..last of a checked section */
	PLACE_SYMBOL,		/* inside (or at) a named symbol */
	PLACE_RUN,		/* bytes no symbol names: start..end */
};

struct place {
	enum place_kind kind;
	uint32_t sec;
	uint32_t sym;		/* PLACE_SYMBOL */
	uint64_t first, last;	/* PLACE_UNITS: unit indices, inclusive */
	uint64_t start, end;	/* PLACE_RUN */
};

/*
 * Whether the output can refer to a symbol by its name: not a section or
 * file symbol, not nameless, and not a local symbol of a mergeable section
 * (a string literal's .LC0, kept by the assembler for the linker, which
 * drops it by default: it names nothing outside the object). A relocation
 * against a name refers to that name, wherever it is; any other refers to
 * a place.
 */
int is_name(const struct elf_view *v, const struct elf_symbol *s);

/*
 * A PC-relative operand followed by an immediate (movb $1, x(%rip)) does
 * not end its instruction: the place found with the operand's width lies
 * up to 4 bytes before the target. Before the start of a section, that is
 * the section's first byte.
 */
static inline uint64_t target_offset(uint64_t offset)
{
	return offset >= (uint64_t)-4 ? 0 : offset;
}

/*
 * Whether a section holds contents that can go out: not one of the
 * tables that make up the ELF file itself (symbols, strings, relocations,
 * groups, dynamic linking), and not an SHT_NULL header, which has no
 * bytes whatever its size says.
 */
int has_contents(const struct elf_section *sec);

int places_build(struct places *p, const struct checked_file *in);
/* The named symbols alone, of any view: no units, no entry index. */
int places_build_names(struct places *p, const struct elf_view *v);
void places_free(struct places *p);

/* The units of section sec. */
static inline struct entry *section_units(const struct places *p,
					  uint32_t sec, uint64_t *count)
{
	*count = p->first[sec + 1] - p->first[sec];
	return p->units + p->first[sec];
}

/*
 * Where offset of section sec lies. In a checked section: every unit there
 * (several when empty ones share their start with the next one, none of
 * them preferred: which is meant is a question of the layout). Elsewhere:
 * the innermost sized named symbol holding it, a zero-size one right at
 * it, else the bytes no symbol names around it - a string up to its NUL in
 * a string section, an sh_entsize unit of mergeable constants, otherwise
 * the run between the symbols before and after. An offset just past the
 * end belongs with the last byte.
 */
struct place locate(const struct extraction *x, uint32_t sec, uint64_t offset);

/*
 * The same, but in any section cut into units (relocation-only tables
 * too, which locate() sees as bytes, for nothing points into them) the
 * units there: where a relocation of the section itself lies.
 */
struct place locate_source(const struct extraction *x, uint32_t sec,
			   uint64_t offset);

/*
 * Several units start where an empty entry starts (it and the next one):
 * which one a reference means, its layout says. Without reading it: the
 * references from one section to that offset pair with the units there
 * in order, for an entry and what it names are emitted in the same order
 * (an alternative's entry, then its replacement). pl, found for relocation
 * k of section from (in the sorted order), is narrowed to its unit when
 * as many references as units point there, else left as it is. -1 when
 * out of memory.
 */
int narrow_shared_start(struct extraction *x, struct place *pl, uint32_t from,
			uint64_t k);

/*
 * The same among the named symbols of places_build_names() alone: a
 * checked section is bytes and symbols like any other, and nothing is
 * taken whole.
 */
struct place locate_named(const struct elf_view *v, const struct places *p,
			  uint32_t sec, uint64_t offset);

#endif
