/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copying a relocatable object through elf/elf_writer with edits:
 * every section of contents, every symbol and every relocation goes out
 * again, and a front end may rename a symbol, change its binding or its
 * special section index, send a relocation to a relocation section
 * of its own, and add symbols. What the front end does not edit comes out as it was.
 */
#ifndef SPECSYMS_REWRITE_H
#define SPECSYMS_REWRITE_H

#include "../elf/elf_view.h"
#include "../elf/elf_writer.h"

struct rewrite {
	const struct elf_view *v;
	struct elf_writer *w;
	uint32_t *sec_out;	/* per input section: its copy, 0 if none */
	uint32_t *sym_out;	/* per input symbol: its copy */
};

struct rewrite_ops {
	/*
	 * Symbol i is about to go out as *out (a section symbol never
	 * comes here): edit it. 0, 1 when it cannot go out (diagnosed), -1
	 * when out of memory. out->name must live until the write.
	 */
	int (*symbol)(void *ctx, uint32_t i, struct elf_writer_symbol *out);
	/*
	 * Where a relocation of input section sec against input symbol sym
	 * goes: a writer handle (rw->sec_out[sec], or a relocation section
	 * of its own for that section), 0 when out of memory. NULL: always
	 * the copy of sec.
	 */
	uint32_t (*relocs_for)(void *ctx, struct rewrite *rw, uint32_t sec,
			       uint32_t sym);
	/*
	 * After the input's symbols: add symbols of the front end's own
	 * (rw->sec_out says where the input's sections went). 0, 1 when
	 * one cannot be added (diagnosed), -1 when out of memory. NULL:
	 * none.
	 */
	int (*more_symbols)(void *ctx, struct rewrite *rw);
};

/* st_shndx as the file has it: SHN_ABS, SHN_COMMON, SHN_LIVEPATCH... */
uint32_t raw_shndx(const struct elf_view *v, uint32_t i);

/*
 * v copied into a new writer (*out, which the caller writes and frees):
 * 0, 1 when something cannot go out (diagnosed), -1 when out of memory.
 */
int rewrite_object(const struct elf_view *v, const struct rewrite_ops *ops,
		   void *ctx, struct elf_writer **out);

#endif
