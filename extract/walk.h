/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPECSYMS_WALK_H
#define SPECSYMS_WALK_H

#include "extract.h"

/*
 * From the pieces taken so far (the roots), take everything the rule
 * reaches, to a fixpoint. -1 when out of memory.
 */
int walk(struct extraction *x);

#endif
