/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPECSYMS_ROOTS_H
#define SPECSYMS_ROOTS_H

#include "extract.h"

/*
 * Take the sections of the named functions and of their cold parts whole,
 * and the bytes of the named data objects: the roots of the walk. 0 when
 * each function name is a function that has its section to itself and
 * each data name a data object outside code and entries; 1 when one is
 * not (diagnosed); -1 when out of memory.
 */
int take_roots(struct extraction *x, const struct extract_roots *roots);

/*
 * Take a function or data object the roots say must come along, once
 * something taken points at it: a function's section whole, as a root's
 * (it must have it to itself), a data object's bytes. 0, 1 when it cannot
 * be taken (diagnosed), -1 when out of memory.
 */
int take_carried(struct extraction *x, uint32_t sym);

/*
 * The length of the function whose cold part name is (NAME.cold,
 * NAME.cold.N), 0 when it is none.
 */
size_t cold_base(const char *name);

#endif
