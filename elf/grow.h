/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPECSYMS_GROW_H
#define SPECSYMS_GROW_H

#include <stddef.h>
#include <stdint.h>

/*
 * Grow *array, of *cap elements of size each, to hold at least need
 * (doubling, from 8); 0, or -1 when it can't (out of memory, or a size
 * past SIZE_MAX), with *array and *cap unchanged.
 */
int grow_array(void *array, uint64_t *cap, uint64_t need, size_t each);

#endif
