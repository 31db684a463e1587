/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPECSYMS_CHECK_H
#define SPECSYMS_CHECK_H

#include <stddef.h>

enum verdict {
	VERDICT_CLEAN = 0,
	VERDICT_VIOLATIONS = 1,
	VERDICT_UNUSABLE = 2,	/* malformed, unreadable, out of memory */
};

struct check_options {
	int deep;			/* --deep */
	const char **referencing;	/* --referencing: function names */
	size_t nreferencing;
};

extern struct check_options check_opts;

/*
 * Check one ELF image already in memory. This is the whole verifier minus
 * the command line and file I/O, and what the fuzz target calls.
 */
enum verdict verify_image(const char *path, const void *image, size_t size);

#endif
