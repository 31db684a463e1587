/* SPDX-License-Identifier: GPL-2.0 */
/* The functions of patchable.c that the runtime calls. */
#ifndef RUNTIME_PATCHABLE_H
#define RUNTIME_PATCHABLE_H

int get_user_int(int *dst, const int *src);
int checked_double(int x);
int branch_unlikely(void);
int branch_likely(void);
int alt_mov(void);
int alt_empty(int x);
int alt_unset(void);

#endif
