/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything the verifier prints: diagnostics on stderr in the compiler's
 * shape, and on stdout the -v summary, the --list text or the --json
 * document.
 */
#ifndef SPECSYMS_REPORT_H
#define SPECSYMS_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "elf_view.h"
#include "entries.h"

enum listing { LISTING_NONE, LISTING_TEXT, LISTING_JSON };

struct report_options {
	int verbose;
	enum listing listing;
};

extern struct report_options report_opts;

/* Counters of the file being reported on, reset by report_file_begin(). */
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

const char *symbol_label(const struct elf_view *v, uint32_t index);

void report_begin(void);
void report_end(void);
void report_file_begin(const struct elf_view *v);
void report_file_end(const struct elf_view *v);

void report_section_begin(const struct elf_view *v,
			  const struct elf_section *sec,
			  const struct section_rule *rule);
void report_entry_begin(const struct elf_view *v, const struct entry *e);
void report_entry_reloc(const struct elf_view *v,
			const struct elf_section *relsec,
			const struct elf_reloc *r, uint64_t offset);
void report_entry_end(void);
void report_section_end(const struct elf_view *v,
			const struct elf_section *sec, uint64_t entries,
			uint64_t entry_size);

#endif
