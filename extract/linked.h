/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where else a global function is used: in the linked objects the patched
 * object is part of (vmlinux.o and the library objects vmlinux links
 * beside it, or a module's .ko), which hold the running kernel's code
 * with every relocation.
 */
#ifndef SPECSYMS_LINKED_H
#define SPECSYMS_LINKED_H

#include "../elf/options.h"
#include "compare.h"
#include "uses.h"

/* A use of one of the functions asked about, from outside the original. */
struct linked_use {
	const char *callee;
	const char *caller;	/* the function it lies in, or NULL */
	const char *holder;	/* else the data object it lies in, or NULL */
	const char *where;	/* their source file, else the linked file */
	const char *section;	/* the section it lies in */
	enum use_kind kind;	/* USE_CALL or USE_ADDRESS */
};

struct linked_answer {
	void (*use)(void *ctx, const struct linked_use *u);
	/* A name no linked file defines as a function, or more than one does. */
	void (*unknown)(void *ctx, const char *name);
	void *ctx;
};

/*
 * Every use, in the linked files, of the functions names[0..n) name that
 * does not lie in the original object orig (compiled from the same source:
 * its globals by name, its locals among those of the one object in a
 * linked file that has its file name and defines every local function it
 * does), each reported to a. 0; -1 when out of memory; 2 when a linked
 * file cannot be read or does not verify clean (diagnosed).
 */
int linked_uses(const struct name_list *files, const struct side *orig,
		const char *const *names, size_t n,
		const struct linked_answer *a);

#endif
