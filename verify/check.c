// SPDX-License-Identifier: GPL-2.0
/*
 * One file, start to end: open the view, index the entries, run the
 * coverage and relocation rules on every checked section, list.
 */
#include <string.h>

#include "check.h"
#include <stdlib.h>

#include "coverage.h"
#include "deep.h"
#include "functions.h"
#include "relocs.h"
#include "report.h"
#include "select.h"

struct check_options check_opts;

static void check_symbol_table(const struct elf_view *v,
			       const struct entry_table *t)
{
	const struct elf_section *symtab = &v->sections[v->symtab];
	uint32_t k;

	/* Only the symbols entry_table_build() flagged can break a rule. */
	for (k = 0; k < t->nflagged; k++) {
		uint32_t i = t->flagged[k];
		const struct elf_symbol s = elf_sym(v, i), *sym = &s;
		uint64_t at = (uint64_t)i * symtab->entsize;

		if (sym->fault == SYM_BAD_NAME)
			report_error(v, symtab, at,
				     "symbol %u: st_name past the string table", i);
		else if (sym->fault == SYM_BAD_SHNDX)
			report_error(v, symtab, at,
				     "symbol %u (%s): section index past the section table",
				     i, sym->name);
		else if (has_reserved_prefix(sym->name))
			/* Flagged with the prefix: by construction no entry. */
			report_warning(v, symtab, at,
				       "%s has the reserved prefix " RESERVED_PREFIX
				       " but is not an entry symbol of a checked section",
				       sym->name);
	}
}

static int check_section(const struct checked_file *fc, uint32_t index)
{
	const struct elf_view *v = &fc->view;
	const struct entry_table *t = &fc->table;
	const struct elf_section *sec = &v->sections[index];
	struct section_relocs relocs;
	uint64_t count, entry_size;

	section_entries(t, index, &count);
	if (!count) {
		/*
		 * Nothing to place relocations in: skip collecting them, which
		 * for objtool's big tables (.orc_unwind_ip, .return_sites in
		 * vmlinux.o) would be most of the run.
		 */
		if (sec->size)
			check_coverage(v, t, index);
		return 0;
	}
	if (section_relocs_collect(&relocs, v, index))
		return -1;
	report_section_begin(v, sec, &t->rules[index]);
	entry_size = check_coverage(v, t, index);
	check_relocations(v, t, index, &relocs);
	if (check_opts.deep)
		check_deep(v, t, &fc->code, index, &relocs);
	if (report_opts.listing != LISTING_NONE)
		list_entries(v, t, index, &relocs, fc->selected);
	report_section_end(v, sec, count, entry_size);
	section_relocs_free(&relocs);
	return 0;
}

void checked_file_close(struct checked_file *fc)
{
	entry_table_free(&fc->table);
	function_index_free(&fc->functions);
	function_index_free(&fc->code);
	free(fc->selected);
	fc->selected = NULL;
	elf_view_close(&fc->view);
}

/* Index what the rules and the selection need; -1 when out of memory. */
static int file_check_prepare(struct checked_file *fc)
{
	const struct elf_view *v = &fc->view;

	if (entry_table_build(&fc->table, v))
		return -1;
	if (check_opts.referencing && function_index_build(&fc->functions, v))
		return -1;
	if (check_opts.deep && code_index_build(&fc->code, v))
		return -1;
	if (!check_opts.referencing)
		return 0;
	fc->selected = calloc(fc->table.first[v->shnum] + 1, 1);
	if (!fc->selected)
		return -1;
	return select_referencing(v, &fc->table, &fc->functions,
				  check_opts.referencing,
				  check_opts.nreferencing, fc->selected);
}

/*
 * The one symbol fault that makes the file malformed rather than wrong:
 * found by the entry index's pass, so that opening the file does not need
 * a pass over the symbols of its own. The index of the first, or -1.
 */
static int64_t missing_xindex(const struct checked_file *fc)
{
	const struct entry_table *t = &fc->table;
	uint32_t k;

	for (k = 0; k < t->nflagged; k++)
		if (elf_sym(&fc->view, t->flagged[k]).fault == SYM_NO_XINDEX)
			return t->flagged[k];
	return -1;
}

enum verdict check_image(struct checked_file *fc, const char *path,
			 const void *image, size_t size)
{
	struct elf_view *view = &fc->view;
	enum verdict verdict = VERDICT_CLEAN;
	int64_t bad;
	uint32_t i;

	memset(fc, 0, sizeof(*fc));
	if (elf_view_open(view, path, image, size)) {
		/* A sound file is not "malformed" because memory ran out. */
		report_unusable(path, "%s%s",
				view->out_of_memory ? "" : "malformed ELF: ",
				view->error);
		return VERDICT_UNUSABLE;
	}
	if (file_check_prepare(fc)) {
		report_unusable(path, "out of memory");
		checked_file_close(fc);
		return VERDICT_UNUSABLE;
	}
	bad = missing_xindex(fc);
	if (bad >= 0) {
		report_unusable(path, "malformed ELF: symbol %lld uses SHN_XINDEX but there is no SHT_SYMTAB_SHNDX section",
				(long long)bad);
		checked_file_close(fc);
		return VERDICT_UNUSABLE;
	}
	report_file_begin(view);
	if (view->symtab)
		check_symbol_table(view, &fc->table);
	for (i = 1; i < view->shnum; i++) {
		if (fc->table.rules[i].kind == SECTION_UNCHECKED)
			continue;
		if (check_section(fc, i)) {
			report_unusable(path, "out of memory");
			verdict = VERDICT_UNUSABLE;
			break;
		}
	}
	if (verdict == VERDICT_CLEAN && report_errors)
		verdict = VERDICT_VIOLATIONS;
	report_file_end(view);
	if (verdict == VERDICT_UNUSABLE)
		checked_file_close(fc);
	return verdict;
}

enum verdict verify_image(const char *path, const void *image, size_t size)
{
	struct checked_file fc;
	enum verdict verdict = check_image(&fc, path, image, size);

	if (verdict != VERDICT_UNUSABLE)
		checked_file_close(&fc);
	return verdict;
}
