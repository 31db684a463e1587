// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "grow.h"

int grow_array(void *array, uint64_t *cap, uint64_t need, size_t each)
{
	void **p = array;
	uint64_t grown = *cap ? *cap : 8;
	void *q;

	if (need <= *cap)
		return 0;
	while (grown < need)
		grown *= 2;
	if (grown > SIZE_MAX / each)
		return -1;
	q = realloc(*p, grown * each);
	if (!q)
		return -1;
	*p = q;
	*cap = grown;
	return 0;
}
