/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The inputs of the tools that write objects: mapped read-only, never
 * written, and never replaced by an output.
 */
#ifndef SPECSYMS_INPUT_H
#define SPECSYMS_INPUT_H

#include <stddef.h>
#include <sys/stat.h>

#include "elf_view.h"

struct input {
	const char *path;
	void *image;
	size_t size;
	struct stat st;		/* of the file mapped */
	struct elf_view view;	/* after input_open() */
};

/*
 * in mapped from path, for a caller that opens the view itself; 0, else
 * 2 after report_unusable(). input_close() unmaps it.
 */
int input_map(struct input *in, const char *path);

/*
 * in mapped from path and opened as ELF of type type (ET_REL, ET_EXEC;
 * 0 for any); 0, else 2 after report_unusable().
 */
int input_open(struct input *in, const char *path, unsigned int type);
void input_close(struct input *in);

/* Whether writing out would replace the input. */
int input_is(const struct input *in, const char *out);

/* path mapped read-only, its status in *st; NULL after report_unusable(). */
void *map_input(const char *path, struct stat *st);

/* Whether writing out would replace the input whose status is *in. */
int replaces_input(const char *out, const struct stat *in);

#endif
