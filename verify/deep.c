// SPDX-License-Identifier: GPL-2.0
/*
 * Deep checks: follow the references inside entries. Relocations carry the
 * references in objects, so a linked image without them is left alone.
 */
#include <string.h>

#include "deep.h"
#include "report.h"
#include "x86_layout.h"

static const char *const code_ref_sections[] = {
	"__jump_table", "__ex_table", "__bug_table",
};

static int reference(const struct elf_view *v, const struct function_index *fi,
		     uint32_t sec, const struct section_relocs *relocs,
		     uint64_t offset, struct target *out)
{
	const struct placed_reloc *pr = section_reloc_at(relocs, offset);
	struct elf_reloc rel;

	if (!pr)
		return 0;
	elf_reloc_read(v, &v->sections[pr->relsec], pr->index, &rel);
	*out = resolve_reloc(v, fi, &v->sections[sec], &rel);
	return 1;
}

static void check_replacement(const struct elf_view *v,
			      const struct entry_table *t,
			      const struct function_index *fi, uint32_t sec,
			      const struct entry *alt,
			      const struct section_relocs *relocs)
{
	const struct elf_section *section = &v->sections[sec];
	const struct entry *e, *match = NULL;
	uint64_t n, i, sized = 0;
	struct target target;
	unsigned int replen;

	/* The entry size and past-end rules report these; don't read them. */
	if (alt->size <= ALT_INSTR_REPLLEN || !section->data ||
	    alt->offset > section->size ||
	    alt->size > section->size - alt->offset)
		return;
	replen = section->data[alt->offset + ALT_INSTR_REPLLEN];
	if (!reference(v, fi, sec, relocs, alt->offset + ALT_INSTR_REPL, &target)) {
		report_error(v, section, alt->offset,
			     "deep: no relocation for the replacement reference");
		return;
	}
	if (target.sec == 0 || target.sec >= v->shnum ||
	    strcmp(v->sections[target.sec].name, SEC_ALTREPLACEMENT)) {
		report_error(v, section, alt->offset,
			     "deep: replacement reference points outside " SEC_ALTREPLACEMENT);
		return;
	}
	e = section_entries(t, target.sec, &n);
	for (i = entries_lower_bound(e, n, target.offset);
	     i < n && e[i].offset == target.offset; i++) {
		if (e[i].size == replen)
			match = &e[i];
		sized += e[i].size != 0;
	}
	if (!match) {
		report_error(v, section, alt->offset,
			     "deep: no " SEC_ALTREPLACEMENT " entry of replacementlen 0x%x bytes starts at +0x%llx",
			     replen, (unsigned long long)target.offset);
	} else if (sized > 1) {
		report_error(v, section, alt->offset,
			     "deep: %llu " SEC_ALTREPLACEMENT " entries start at +0x%llx",
			     (unsigned long long)sized,
			     (unsigned long long)target.offset);
	}
}

static void check_code_reference(const struct elf_view *v,
				 const struct function_index *fi, uint32_t sec,
				 const struct entry *e,
				 const struct section_relocs *relocs)
{
	const struct elf_section *section = &v->sections[sec];
	struct target target;

	if (!reference(v, fi, sec, relocs, e->offset + ENTRY_CODE_REF, &target))
		report_error(v, section, e->offset,
			     "deep: no relocation for the code reference");
	else if (!target.func)
		report_error(v, section, e->offset,
			     "deep: code reference %s+0x%llx lands in no function",
			     target.sec && target.sec < v->shnum ?
			     v->sections[target.sec].name : "?",
			     (unsigned long long)target.offset);
}

void check_deep(const struct elf_view *v, const struct entry_table *t,
		const struct function_index *fi, uint32_t sec,
		const struct section_relocs *relocs)
{
	const char *name = v->sections[sec].name;
	uint64_t n, i;
	const struct entry *e = section_entries(t, sec, &n);
	int code_refs = 0;

	if (!relocs->count)
		return;
	for (i = 0; i < sizeof(code_ref_sections) / sizeof(*code_ref_sections); i++)
		code_refs |= !strcmp(name, code_ref_sections[i]);
	for (i = 0; i < n; i++) {
		if (!strcmp(name, SEC_ALTINSTRUCTIONS))
			check_replacement(v, t, fi, sec, &e[i], relocs);
		else if (code_refs && e[i].size)
			check_code_reference(v, fi, sec, &e[i], relocs);
	}
}
