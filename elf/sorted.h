/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sorting input that usually arrives sorted (entries and relocations in
 * assembler and ld -r order): one linear check, qsort only if it fails.
 */
#ifndef SPECSYMS_SORTED_H
#define SPECSYMS_SORTED_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/*
 * Index of the first of n elements of size bytes, sorted by the uint64_t
 * offset each starts with (entries, relocations), that is at or after key.
 */
static inline uint64_t lower_bound_by_offset(const void *base, uint64_t n,
					     size_t size, uint64_t key)
{
	const char *p = base;
	uint64_t lo = 0, hi = n, at;

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;

		memcpy(&at, p + mid * size, sizeof(at));
		if (at < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

#endif
