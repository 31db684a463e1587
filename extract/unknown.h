/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tables no row of the carriage table names, compared between the patched
 * object and the original: a change in one would be dropped unseen by a
 * livepatch that copies other functions.
 */
#ifndef SPECSYMS_UNKNOWN_H
#define SPECSYMS_UNKNOWN_H

#include "compare.h"

/*
 * Each section of either object that points into code and that the
 * carriage table refuses by its last row (no row names it) is compared
 * whole with the other object's section of its name. For each that
 * differs, or that one object lacks: differ(ctx, section, function) for
 * every function it points into (in the patched object, or in the
 * original when the patched one lacks it). 0, -1 out of memory.
 */
int unknown_tables_differ(struct comparison *c,
			  void (*differ)(void *ctx, const char *section,
					 const char *function),
			  void *ctx);

#endif
