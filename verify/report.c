// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier's output besides diagnostics: the -v summary on stdout (on
 * stderr under --json), and the --list text or the --json document.
 */
#include <elf.h>
#include <stdio.h>

#include "../elf/reloc_types.h"
#include "report.h"

struct report_options report_opts;

static int first_file, first_section, first_entry, first_reloc;

const char *symbol_label(const struct elf_view *v, uint32_t index)
{
	struct elf_symbol sym_;
	const struct elf_symbol *sym = &sym_;

	if (index >= v->nsyms)
		return "?";
	sym_ = elf_sym(v, index);
	/* Section symbols have no name of their own: use the section's. */
	if (sym->type == STT_SECTION && sym->shndx < v->shnum &&
	    sym->shndx != SHN_UNDEF && sym->fault == SYM_OK)
		return v->sections[sym->shndx].name;
	return *sym->name ? sym->name : "?";
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static const char *kind_name(enum section_kind kind)
{
	switch (kind) {
	case SECTION_FIXED:
		return "fixed";
	case SECTION_VARIABLE:
		return "variable";
	case SECTION_ENTSIZE:
		return "entsize";
	default:
		return "unchecked";
	}
}

void report_begin(void)
{
	first_file = 1;
	if (report_opts.listing == LISTING_JSON)
		printf("{\"files\": [");
}

void report_end(void)
{
	if (report_opts.listing == LISTING_JSON)
		printf("\n]}\n");
}

void report_file_begin(const struct elf_view *v)
{
	report_errors = 0;
	report_warnings = 0;
	first_section = 1;
	if (report_opts.listing != LISTING_JSON)
		return;
	printf("%s\n {\"file\": ", first_file ? "" : ",");
	json_string(v->path);
	printf(", \"class\": \"ELF%d\", \"sections\": [", v->is64 ? 64 : 32);
	first_file = 0;
}

void report_file_end(const struct elf_view *v)
{
	(void)v;
	if (report_opts.listing == LISTING_JSON)
		printf("%s], \"errors\": %lu, \"warnings\": %lu}",
		       first_section ? "" : "\n ", report_errors,
		       report_warnings);
}

void report_section_begin(const struct elf_view *v,
			  const struct elf_section *sec,
			  const struct section_rule *rule)
{
	(void)v;
	first_entry = 1;
	if (report_opts.listing != LISTING_JSON)
		return;
	printf("%s\n  {\"name\": ", first_section ? "" : ",");
	json_string(sec->name);
	printf(", \"kind\": \"%s\", \"size\": %llu, \"entries\": [",
	       kind_name(rule->kind), (unsigned long long)sec->size);
	first_section = 0;
}

void report_entry_begin(const struct elf_view *v, const struct entry *e)
{
	const struct elf_symbol s = elf_sym(v, e->sym), *sym = &s;
	const struct elf_section *sec = &v->sections[sym->shndx];

	first_reloc = 1;
	if (report_opts.listing == LISTING_TEXT) {
		/* One line per entry, whatever the names in the file hold. */
		printf("%s: ", v->path);
		report_clean(stdout, sec->name);
		printf("+0x%llx size 0x%llx ", (unsigned long long)e->offset,
		       (unsigned long long)e->size);
		report_clean(stdout, sym->name);
	} else if (report_opts.listing == LISTING_JSON) {
		printf("%s\n   {\"offset\": %llu, \"size\": %llu, \"symbol\": ",
		       first_entry ? "" : ",", (unsigned long long)e->offset,
		       (unsigned long long)e->size);
		json_string(sym->name);
		printf(", \"type\": \"%s\", \"relocs\": [",
		       e->type == STT_OBJECT ? "object" : "notype");
	}
	first_entry = 0;
}

void report_entry_reloc(const struct elf_view *v,
			const struct elf_section *relsec,
			const struct elf_reloc *r, uint64_t offset)
{
	const char *target = relsec->link == v->symtab ?
			     symbol_label(v, r->sym) : "?";
	const char *type = reloc_type_name(v->machine, r->type);

	if (report_opts.listing == LISTING_TEXT) {
		printf("%s +0x%llx %s ", first_reloc ? " ->" : ",",
		       (unsigned long long)offset, type);
		report_clean(stdout, target);
		printf("%c0x%llx", r->addend < 0 ? '-' : '+',
		       r->addend < 0 ? -(unsigned long long)r->addend :
				       (unsigned long long)r->addend);
	} else if (report_opts.listing == LISTING_JSON) {
		printf("%s{\"offset\": %llu, \"type\": \"%s\", \"target\": ",
		       first_reloc ? "" : ", ", (unsigned long long)offset,
		       type);
		json_string(target);
		printf(", \"addend\": %lld}", (long long)r->addend);
	}
	first_reloc = 0;
}

void report_entry_end(void)
{
	if (report_opts.listing == LISTING_TEXT)
		putchar('\n');
	else if (report_opts.listing == LISTING_JSON)
		printf("]}");
}

void report_section_end(const struct elf_view *v,
			const struct elf_section *sec, uint64_t entries,
			uint64_t entry_size)
{
	FILE *out = report_opts.listing == LISTING_JSON ? stderr : stdout;

	if (report_opts.listing == LISTING_JSON)
		printf("%s], \"entry_size\": %llu}", first_entry ? "" : "\n  ",
		       (unsigned long long)entry_size);
	if (!report_opts.verbose)
		return;
	fprintf(out, "%s: ", v->path);
	report_clean(out, sec->name);
	fprintf(out, ": %llu entr%s, %llu bytes, ",
		(unsigned long long)entries, entries == 1 ? "y" : "ies",
		(unsigned long long)sec->size);
	if (entry_size)
		fprintf(out, "entry size %llu\n", (unsigned long long)entry_size);
	else
		fprintf(out, "variable-size entries\n");
}
