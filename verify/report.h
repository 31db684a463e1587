/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the verifier prints besides diagnostics (../elf/diagnostics.h): the
 * -v summary, the --list text or the --json document.
 */
#ifndef SPECSYMS_REPORT_H
#define SPECSYMS_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "../elf/diagnostics.h"
#include "entries.h"

enum listing { LISTING_NONE, LISTING_TEXT, LISTING_JSON };

struct report_options {
	int verbose;
	enum listing listing;
};

extern struct report_options report_opts;

const char *symbol_label(const struct elf_view *v, uint32_t index);

void report_begin(void);
void report_end(void);
/* Also resets the diagnostics' counters. */
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
