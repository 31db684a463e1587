// SPDX-License-Identifier: GPL-2.0
/* Options and comma-separated name lists, shared by the tools' command lines. */
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "options.h"

int add_name(struct name_list *l, const char *name)
{
	if (grow_array(&l->names, &l->cap, l->n + 1, sizeof(*l->names)))
		return -1;
	l->names[l->n++] = name;
	return 0;
}

int add_names(struct name_list *l, const char *list)
{
	char *copy = strdup(list), *name, *save = NULL;

	if (!copy)
		return -1;
	for (name = strtok_r(copy, ",", &save); name;
	     name = strtok_r(NULL, ",", &save))
		if (add_name(l, name))
			return -1;
	if (l->n)
		return 0;	/* the names live in copy until exit */
	free(copy);
	return -1;
}

int option_value(char **argv, int *i, const char *opt, const char **value)
{
	size_t n = strlen(opt);

	if (strncmp(argv[*i], opt, n) || (argv[*i][n] && argv[*i][n] != '='))
		return 0;
	if (argv[*i][n] == '=')
		*value = argv[*i] + n + 1;
	else
		*value = argv[++*i] ? argv[*i] : "";
	return 1;
}
