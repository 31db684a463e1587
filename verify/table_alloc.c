// SPDX-License-Identifier: GPL-2.0
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "table_alloc.h"

#define HUGE_PAGE ((size_t)2 << 20)

void *table_alloc(size_t n, size_t size)
{
	size_t bytes;
	void *p;

	if (!n)
		n = 1;
	if (n > SIZE_MAX / size)
		return NULL;
	bytes = n * size;
	if (bytes < HUGE_PAGE)
		return malloc(bytes);
	/* Aligned, so that the whole of it can be backed by huge pages. */
	if (posix_memalign(&p, HUGE_PAGE, bytes))
		return NULL;
#ifdef MADV_HUGEPAGE
	/* Only advice: where THP is off this changes nothing. */
	madvise(p, (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1), MADV_HUGEPAGE);
#endif
	return p;
}
