/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPECSYMS_CHECK_H
#define SPECSYMS_CHECK_H

#include <stddef.h>

#include "entries.h"
#include "functions.h"

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

/* One file's view and indexes: what the rules and the front ends work from. */
struct checked_file {
	struct elf_view view;
	struct entry_table table;
	struct function_index functions;
	struct function_index code;	/* --deep: functions and asm code */
	unsigned char *selected;	/* --referencing: per entry */
};

/*
 * Open and index one ELF image already in memory and run every rule on it.
 * Unless the verdict is VERDICT_UNUSABLE, cf holds the view and the indexes
 * (the image must stay mapped) until checked_file_close(): a front end
 * that goes on from the verdict reads the file once.
 */
enum verdict check_image(struct checked_file *cf, const char *path,
			 const void *image, size_t size);
void checked_file_close(struct checked_file *cf);

/*
 * Check one ELF image already in memory. This is the whole verifier minus
 * the command line and file I/O, and what the fuzz target calls.
 */
enum verdict verify_image(const char *path, const void *image, size_t size);

#endif
