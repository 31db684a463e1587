/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sorting input that usually arrives sorted (entries and relocations in
 * assembler and ld -r order): one linear check, qsort only if it fails.
 */
#ifndef SPECSYMS_SORTED_H
#define SPECSYMS_SORTED_H

#include <stddef.h>
#include <stdlib.h>

static inline void sort_unless_sorted(void *base, size_t n, size_t size,
				      int (*cmp)(const void *, const void *))
{
	const char *p = base;
	size_t k;

	for (k = 1; k < n; k++)
		if (cmp(p + (k - 1) * size, p + k * size) > 0) {
			qsort(base, n, size, cmp);
			return;
		}
}

#endif
