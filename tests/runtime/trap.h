/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RUNTIME_TRAP_H
#define RUNTIME_TRAP_H

#include <stdint.h>

/*
 * Looks up the trapping instruction at *ip in a table; on a match moves
 * *ip to where execution resumes and returns 1.
 */
typedef int (*trap_fixer)(uintptr_t *ip);

void install_trap(int sig, trap_fixer fix);

#endif
