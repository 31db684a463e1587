/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPECSYMS_COVERAGE_H
#define SPECSYMS_COVERAGE_H

#include "entries.h"

/*
 * The tiling rules of one checked section: annotation, gap, overlap,
 * duplicate, past-end, entry size, zero size, binding. Returns the entry
 * size the section was judged against (0 when entries may vary).
 */
uint64_t check_coverage(const struct elf_view *v, const struct entry_table *t,
			uint32_t sec);

#endif
