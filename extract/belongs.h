/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The entries that belong to a function, as the extraction's walk selects
 * them: what a patch changes there changes the function, although its
 * code may be the same byte for byte.
 */
#ifndef SPECSYMS_BELONGS_H
#define SPECSYMS_BELONGS_H

#include "compare.h"

struct belonging {
	struct extraction x;
	struct walk *walk;
};

/* One per object; 0, or -1 when out of memory. */
int belonging_open(struct belonging *b, const struct checked_file *cf);
void belonging_close(struct belonging *b);

/*
 * Whether the entries the walk takes for function in of the patched
 * object (from its section and its cold parts' sections) are those it
 * takes for function orig of the original: as many in each section (by
 * name), each the same bytes as its counterpart in order. 1, 0, or -1
 * when out of memory.
 */
int same_entries(struct comparison *c, struct belonging *in_b,
		 struct belonging *orig_b, uint32_t in, uint32_t orig);

#endif
