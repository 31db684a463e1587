/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How an object uses its functions: every relocation that points into
 * one, as a livepatch must know it of a function it cannot redirect - a
 * direct call or jump from code, an address the running kernel may
 * follow, or a description of the function's own code that goes with it.
 */
#ifndef SPECSYMS_USES_H
#define SPECSYMS_USES_H

#include <stdint.h>

#include "../verify/check.h"
#include "places.h"

enum use_kind {
	USE_CALL,	/* a call or jump instruction branches to it */
	USE_ADDRESS,	/* anything else of code, or what its row says is followed */
	USE_OWN,	/* describes its code, or is its own: never a way in */
};

struct use {
	uint32_t callee;	/* the function pointed into */
	uint32_t caller;	/* the function the reference lies in, or 0 */
	uint32_t sec;		/* the section the reference lies in */
	uint64_t at;		/* and where */
	enum use_kind kind;
};

struct uses {
	const struct checked_file *cf;
	struct function_index functions;	/* cf's, by section and offset */
	struct use *items;	/* by callee, then section, then caller */
	uint64_t count, cap;
};

/*
 * The uses of the functions of cf that wanted marks (per symbol; NULL:
 * all of them). p holds cf's units (places_build()), by which the
 * carriage table tells an entry that describes code from a variable the
 * running kernel follows. 0, or -1 when out of memory; uses_free()
 * follows either.
 */
int uses_build(struct uses *u, const struct checked_file *cf,
	       const struct places *p, const unsigned char *wanted);

/* The uses of function f: *n of them, from the one returned. */
const struct use *uses_of(const struct uses *u, uint32_t f, uint64_t *n);

void uses_free(struct uses *u);

/* The function whose bytes hold offset of section sec, or 0. */
uint32_t function_holding(const struct uses *u, uint32_t sec, uint64_t offset);

#endif
