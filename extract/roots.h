/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPECSYMS_ROOTS_H
#define SPECSYMS_ROOTS_H

#include "extract.h"

/*
 * Take the sections of the named functions and of their cold parts whole:
 * the roots of the walk. 0 when each name is a function that has its
 * section to itself; 1 when one is not (diagnosed); -1 when out of memory.
 */
int take_roots(struct extraction *x, const char *const *names, size_t n);

#endif
