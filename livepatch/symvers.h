/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module.symvers: which symbols vmlinux and the modules export (a module
 * refers to them with ordinary relocations), and the file that tells
 * modpost of the livepatch symbols a module refers to before they become
 * SHN_LIVEPATCH.
 */
#ifndef SPECSYMS_SYMVERS_H
#define SPECSYMS_SYMVERS_H

#include <stddef.h>
#include <stdio.h>

struct export {
	const char *name;
	const char *module;	/* "vmlinux", or the module's path */
};

struct symvers {
	char *text;		/* the file, its lines cut into fields */
	struct export *exports;	/* by name */
	size_t count;
};

/* 0; 1 when path cannot be read or is malformed (diagnosed); -1 on OOM. */
int symvers_load(struct symvers *s, const char *path);
void symvers_free(struct symvers *s);
/* Who exports name: "vmlinux", a module's path, or NULL. */
const char *symvers_exporter(const struct symvers *s, const char *name);

/* One line making name known to modpost as a symbol of object. */
int symvers_put(FILE *f, const char *name, const char *object);

#endif
