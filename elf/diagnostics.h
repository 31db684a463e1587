/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Diagnostics on stderr in the compiler's shape, "FILE: SECTION+0xOFF:
 * error: MESSAGE", one line each, for every tool that reads ELF.
 */
#ifndef SPECSYMS_DIAGNOSTICS_H
#define SPECSYMS_DIAGNOSTICS_H

#include <stdint.h>
#include <stdio.h>

#include "elf_view.h"

/* Counters of the file being reported on; the front end resets them. */
extern unsigned long report_errors, report_warnings;

void report_error(const struct elf_view *v, const struct elf_section *sec,
		  uint64_t offset, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void report_warning(const struct elf_view *v, const struct elf_section *sec,
		    uint64_t offset, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A file that cannot be checked at all (exit status 2). */
void report_unusable(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A name from the file, control bytes as \xNN: it cannot forge a line. */
void report_clean(FILE *out, const char *s);

#endif
