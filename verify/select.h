/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPECSYMS_SELECT_H
#define SPECSYMS_SELECT_H

#include <stddef.h>

#include "entries.h"
#include "functions.h"

/*
 * --referencing: mark the entries that belong to the named functions, the
 * way livepatch generation must copy them. selected has one byte per entry
 * of the table. Returns -1 when out of memory.
 */
int select_referencing(const struct elf_view *v, const struct entry_table *t,
		       const struct function_index *fi,
		       const char *const *names, size_t nnames,
		       unsigned char *selected);

#endif
