/* SPDX-License-Identifier: GPL-2.0 */
/* The command lines of the tools that write objects: options and name lists. */
#ifndef SPECSYMS_OPTIONS_H
#define SPECSYMS_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

struct name_list {
	const char **names;
	size_t n;
	uint64_t cap;
};

/*
 * Whether argv[*i] is option opt, as "--opt=V" or "--opt V"; its value
 * ("" when missing) in *value, *i moved past it.
 */
int option_value(char **argv, int *i, const char *opt, const char **value);

/* Append one name, not copied; -1 on OOM. */
int add_name(struct name_list *l, const char *name);

/* Append the names of a comma-separated list; -1 when it has none or on OOM. */
int add_names(struct name_list *l, const char *list);

#endif
