/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which static of the original a numbered static of the patched object
 * is: paired through the functions that use them, never through gcc's
 * numbers, which a static added anywhere in the file shifts.
 */
#ifndef SPECSYMS_PAIRING_H
#define SPECSYMS_PAIRING_H

#include "compare.h"

/*
 * Fill c->pair (per patched symbol: the original's symbol, or 0) for
 * the numbered statics that hold state: for each function both objects
 * have once, the k-th static of a name (numbers aside) it refers to is
 * the k-th of that name the original's refers to. Where two functions
 * disagree, conflict[patched symbol] is set and the pair dropped. 0, or
 * -1 when out of memory.
 */
int pair_statics(struct comparison *c, unsigned char *conflict);

#endif
