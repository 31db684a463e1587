/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Allocation of the tables that grow with the input (one element per
 * symbol of vmlinux.o: 7 MB). Faulting such a table in 4 KiB pages was a
 * quarter of a vmlinux.o run, so big tables ask for transparent huge pages.
 */
#ifndef SPECSYMS_TABLE_ALLOC_H
#define SPECSYMS_TABLE_ALLOC_H

#include <stddef.h>

/* n elements of size bytes, not zeroed; NULL on overflow or no memory. */
void *table_alloc(size_t n, size_t size);

#endif
