/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Alignment padding a linker puts between input sections.
 */
#ifndef SPECSYMS_PADDING_H
#define SPECSYMS_PADDING_H

#include <stdint.h>

#include "../elf/elf_view.h"

/*
 * Are the bytes [from, to) of sec the padding "ld -r" inserts to align the
 * next input section? Only where input sections can end unaligned (entries
 * of varying size, entry_size 0, or of a size that is no multiple of the
 * alignment); shorter than the section's alignment, ending at an aligned
 * offset, and nothing but fill: zeros in data; in code GNU ld's NOPs (long
 * NOPs, or i386's lea forms) or lld's int3.
 */
int is_link_padding(const struct elf_section *sec, uint64_t entry_size,
		    uint64_t from, uint64_t to);

#endif
