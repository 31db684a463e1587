/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The inputs of the tools that write objects: mapped read-only, never
 * written, and never replaced by an output.
 */
#ifndef SPECSYMS_INPUT_H
#define SPECSYMS_INPUT_H

#include <sys/stat.h>

/* path mapped read-only, its status in *st; NULL after report_unusable(). */
void *map_input(const char *path, struct stat *st);

/* Whether writing out would replace the input whose status is *in. */
int replaces_input(const char *out, const struct stat *in);

#endif
