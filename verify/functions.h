/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where relocations point: a relocation target as (section, offset), and
 * the STT_FUNC symbol whose [value, value + size) holds it.
 */
#ifndef SPECSYMS_FUNCTIONS_H
#define SPECSYMS_FUNCTIONS_H

#include <stdint.h>

#include "../elf/elf_view.h"

struct function_index {
	uint64_t *first;	/* per section; first[shnum] = total */
	uint32_t *funcs;	/* symbol indices, by section then offset */
};

int function_index_build(struct function_index *fi, const struct elf_view *v);
/*
 * The same over all code symbols: functions, and sized STT_NOTYPE symbols
 * of code sections (assembler code, code-section entries). resolve_reloc()
 * with it names the code a reference lands in.
 */
int code_index_build(struct function_index *fi, const struct elf_view *v);
void function_index_free(struct function_index *fi);

/*
 * The same index over the symbols keep() accepts (keep must only accept
 * symbols defined in a section: SYM_OK, shndx set and below shnum).
 */
int symbol_index_build(struct function_index *fi, const struct elf_view *v,
		       int (*keep)(const struct elf_view *v,
				   const struct elf_symbol *sym));

/* How many of section sec's indexed symbols start at or before offset. */
uint64_t symbol_index_upper(const struct elf_view *v,
			    const struct function_index *fi, uint32_t sec,
			    uint64_t offset);

/* The last indexed symbol of section sec that starts at or before offset. */
uint32_t function_before(const struct elf_view *v,
			 const struct function_index *fi, uint32_t sec,
			 uint64_t offset);

struct target {
	uint32_t sec;		/* SHN_UNDEF when the target is not in a section */
	uint64_t offset;
	uint32_t func;		/* symbol index of the function, 0 when none */
};

/*
 * Where a relocation in section from points, without looking for the
 * function there (func is set only when the relocation names one).
 */
struct target reloc_target(const struct elf_view *v,
			   const struct elf_section *from,
			   const struct elf_reloc *rel);

/*
 * Resolve where a relocation in section from points. Section symbols carry
 * the place in the addend; a PC-relative operand inside code has the
 * distance to the end of the instruction folded in as well (the operand is
 * its last bytes), data-style "sym - ." references do not.
 */
struct target resolve_reloc(const struct elf_view *v,
			    const struct function_index *fi,
			    const struct elf_section *from,
			    const struct elf_reloc *rel);

#endif
