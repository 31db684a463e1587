/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every relocation that patches one section, from each of its relocation
 * sections in turn, with the offset in the section it patches: the walk
 * the carriage account, the uses of functions and the comparison of
 * unknown tables all make.
 */
#ifndef SPECSYMS_RELOC_WALK_H
#define SPECSYMS_RELOC_WALK_H

#include "../elf/elf_view.h"

struct reloc_walk {
	const struct elf_view *v;
	uint32_t sec;
	uint32_t relsec;	/* the relocation section being read, 0 at the end */
	uint64_t i;
};

static inline void reloc_walk_begin(struct reloc_walk *w,
				    const struct elf_view *v, uint32_t sec)
{
	w->v = v;
	w->sec = sec;
	w->relsec = v->sections[sec].relocs;
	w->i = 0;
}

/* The next relocation and where it patches; 0 when none is left. */
static inline int reloc_walk_next(struct reloc_walk *w, uint64_t *at,
				  struct elf_reloc *rel)
{
	const struct elf_view *v = w->v;

	while (w->relsec) {
		const struct elf_section *relsec = &v->sections[w->relsec];

		if (w->i < elf_reloc_count(v, relsec)) {
			*at = elf_reloc_offset(v, &v->sections[w->sec],
					       elf_reloc_r_offset(v, relsec, w->i));
			elf_reloc_read(v, relsec, w->i, rel);
			w->i++;
			return 1;
		}
		w->relsec = relsec->next_relocs;
		w->i = 0;
	}
	return 0;
}

#endif
