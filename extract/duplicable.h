/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Statics a livepatch may duplicate: the compiler or a kernel macro makes
 * one per call site, and a fresh copy in the module is as good as the
 * running one. The policy is one table, in duplicable.c.
 */
#ifndef SPECSYMS_DUPLICABLE_H
#define SPECSYMS_DUPLICABLE_H

/*
 * The name a static has without what the compiler adds to it: gcc's
 * numbers (__already_done.3) and clang's function prefix
 * (warn_user.__already_done). Its length, from *start.
 */
size_t static_base(const char *name, const char **start);

/* Whether the static of that name is one of the table's. */
int is_duplicable(const char *name);

#endif
