/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pieces taken so far: each input byte range at most once, found again
 * by where a relocation points.
 */
#ifndef SPECSYMS_PIECES_H
#define SPECSYMS_PIECES_H

#include "places.h"

int pieces_init(struct extraction *x);
void pieces_free(struct extraction *x);
/* Forget what was taken, to take anew from other roots. */
void pieces_forget(struct extraction *x);

/* Take a section whole, or what a place names (units, a run); -1 on OOM. */
int take_whole(struct extraction *x, uint32_t sec);
int take_place(struct extraction *x, const struct place *pl);

/*
 * Take a data object's bytes, as its symbol sym delimits them, once;
 * -1 on OOM.
 */
int take_object(struct extraction *x, uint32_t sym);

/* The taken piece a place lies in, or NULL when it was not taken. */
const struct piece *piece_at(const struct extraction *x,
			     const struct place *pl);

#endif
