/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPECSYMS_WALK_H
#define SPECSYMS_WALK_H

#include "extract.h"

/*
 * From the pieces taken so far (the roots), take everything the rule
 * reaches, to a fixpoint. 0; 1 when a carried symbol cannot be taken
 * (diagnosed); -1 when out of memory.
 */
int walk(struct extraction *x);

/*
 * The same for many root sets of one object: walk_new() learns once what
 * every entry describes, walk_run() walks from the pieces taken, and
 * walk_forget() drops them, to take other roots. NULL, -1: out of memory.
 */
struct walk *walk_new(struct extraction *x);
int walk_run(struct walk *w);
void walk_forget(struct walk *w);
void walk_free(struct walk *w);

#endif
