// SPDX-License-Identifier: GPL-2.0
/*
 * Coverage: every byte of a checked section belongs to exactly one entry
 * symbol. Entries arrive sorted by (offset, size), so one sweep with a
 * cursor finds gaps, overlaps and duplicates.
 */
#include <elf.h>

#include "../elf/diagnostics.h"
#include "coverage.h"
#include "padding.h"

static const char *binding_name(unsigned char bind)
{
	switch (bind) {
	case STB_GLOBAL:
		return "global";
	case STB_WEAK:
		return "weak";
	default:
		return "non-local";
	}
}

static int past_end(const struct elf_section *sec, const struct entry *e)
{
	return e->offset > sec->size || e->size > sec->size - e->offset;
}

/*
 * The size every entry of a fixed-size section must have: the one the user
 * or the ELF says, else the majority of the symbols (Boyer-Moore vote; with
 * no majority the first candidate stands and the rest are reported).
 */
static uint64_t expected_entry_size(const struct section_rule *rule,
				    const struct elf_section *sec,
				    const struct entry *e, uint64_t n)
{
	uint64_t candidate = 0, votes = 0, i;

	if (rule->entry_size)
		return rule->entry_size;
	if (sec->entsize)
		return sec->entsize;
	for (i = 0; i < n; i++) {
		if (!e[i].size)
			continue;
		if (!votes) {
			candidate = e[i].size;
			votes = 1;
		} else {
			votes += candidate == e[i].size ? 1 : -1;
		}
	}
	return candidate;
}

static void check_entry_symbol(const struct elf_view *v,
			       const struct elf_section *sec,
			       const struct entry *e, int fixed,
			       uint64_t entry_size)
{
	const struct elf_symbol s = elf_sym(v, e->sym), *sym = &s;

	if (sym->bind != STB_LOCAL)
		report_error(v, sec, e->offset,
			     "entry symbol %s is %s; entry symbols must be local",
			     sym->name, binding_name(sym->bind));
	if (!fixed)
		return;
	if (!e->size)
		report_error(v, sec, e->offset,
			     "zero-size entry symbol %s in a fixed-size section",
			     sym->name);
	else if (e->size != entry_size)
		report_error(v, sec, e->offset,
			     "entry size: %s is 0x%llx bytes, entries of %s are 0x%llx",
			     sym->name, (unsigned long long)e->size, sec->name,
			     (unsigned long long)entry_size);
}

/*
 * Objects from before entries in code sections became STT_NOTYPE still
 * verify, but their replacements print as data in objdump and llvm-objdump:
 * say so once per section.
 */
static void check_code_entry_types(const struct elf_view *v,
				   const struct elf_section *sec,
				   const struct entry *e, uint64_t n)
{
	const struct entry *first = NULL;
	uint64_t objects = 0, i;

	for (i = 0; i < n; i++) {
		if (e[i].type != STT_OBJECT)
			continue;
		if (!objects++)
			first = &e[i];
	}
	if (objects)
		report_warning(v, sec, first->offset,
			       "entry symbol %s is STT_OBJECT in a code section (%llu of %llu entries): disassemblers show its instructions as data; use STT_NOTYPE",
			       elf_sym(v, first->sym).name,
			       (unsigned long long)objects,
			       (unsigned long long)n);
}

static void report_gap(const struct elf_view *v, const struct elf_section *sec,
		       uint64_t from, uint64_t to)
{
	report_error(v, sec, from,
		     "gap: 0x%llx bytes covered by no entry symbol",
		     (unsigned long long)(to - from));
}

uint64_t check_coverage(const struct elf_view *v, const struct entry_table *t,
			uint32_t index)
{
	const struct elf_section *sec = &v->sections[index];
	const struct section_rule *rule = &t->rules[index];
	int fixed = rule->kind == SECTION_FIXED ||
		    rule->kind == SECTION_ENTSIZE;
	uint64_t n, i, entry_size, cursor = 0;
	const struct entry *e = section_entries(t, index, &n);
	const struct entry *reach = NULL;	/* entry that set the cursor */

	if (rule->kind == SECTION_ENTSIZE && sec->size % sec->entsize)
		report_error(v, sec, 0,
			     "section size 0x%llx is not a multiple of sh_entsize 0x%llx",
			     (unsigned long long)sec->size,
			     (unsigned long long)sec->entsize);
	if (!n) {
		if (sec->size && rule->kind != SECTION_ENTSIZE)
			report_error(v, sec, 0,
				     "not annotated: 0x%llx bytes and no entry symbols",
				     (unsigned long long)sec->size);
		return 0;
	}

	entry_size = fixed ? expected_entry_size(rule, sec, e, n) : 0;
	if (fixed && rule->kind != SECTION_ENTSIZE && sec->entsize &&
	    entry_size != sec->entsize)
		report_error(v, sec, 0,
			     "sh_entsize 0x%llx differs from the entry size 0x%llx",
			     (unsigned long long)sec->entsize,
			     (unsigned long long)entry_size);

	if (is_code_section(sec))
		check_code_entry_types(v, sec, e, n);
	for (i = 0; i < n; i++) {
		const struct entry *cur = &e[i];
		const char *name = elf_sym(v, cur->sym).name;
		uint64_t end;

		if (past_end(sec, cur)) {
			report_error(v, sec, cur->offset,
				     "entry symbol %s (0x%llx bytes) extends past the section end 0x%llx",
				     name, (unsigned long long)cur->size,
				     (unsigned long long)sec->size);
			continue;
		}
		check_entry_symbol(v, sec, cur, fixed, entry_size);
		end = cur->offset + cur->size;
		if (!cur->size) {
			if (reach && cur->offset > reach->offset &&
			    cur->offset < cursor)
				report_error(v, sec, cur->offset,
					     "overlap: zero-size entry symbol %s lies inside %s",
					     name, elf_sym(v, reach->sym).name);
			continue;
		}
		if (cur->offset > cursor) {
			if (!is_link_padding(sec, entry_size, cursor, cur->offset))
				report_gap(v, sec, cursor, cur->offset);
		} else if (cur->offset < cursor) {
			if (reach->offset == cur->offset &&
			    reach->size == cur->size)
				report_error(v, sec, cur->offset,
					     "duplicate: entry symbols %s and %s describe the same 0x%llx-byte entry",
					     elf_sym(v, reach->sym).name, name,
					     (unsigned long long)cur->size);
			else
				report_error(v, sec, cur->offset,
					     "overlap: entry symbols %s and %s both cover 0x%llx bytes",
					     elf_sym(v, reach->sym).name, name,
					     (unsigned long long)((end < cursor ? end : cursor) -
								  cur->offset));
		}
		if (end > cursor || !reach) {
			cursor = end;
			reach = cur;
		}
	}
	if (cursor < sec->size)
		report_gap(v, sec, cursor, sec->size);
	return entry_size;
}
