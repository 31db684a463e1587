// SPDX-License-Identifier: GPL-2.0
/*
 * Deep checks: follow the references inside entries. Relocations carry the
 * references in objects, so a linked image without them is left alone.
 */
#include <string.h>

#include "../elf/diagnostics.h"
#include "deep.h"
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

	/* The past-end rule reports these; don't read them. */
	if (!entry_readable(section, alt))
		return;
	if (alt->size < ALT_INSTR_MIN_SIZE) {
		report_error(v, section, alt->offset,
			     "deep: an entry of %llu bytes holds no replacementlen (struct alt_instr needs %d): the replacement cannot be checked",
			     (unsigned long long)alt->size, ALT_INSTR_MIN_SIZE);
		return;
	}
	replen = section->data[alt->offset + alt_instr_repllen(alt->size)];
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

/*
 * A compiler names all its code, so an entry whose code is in bytes no
 * symbol covers is wrong, unless the object is a relocatable link (more
 * than one STT_FILE): "ld -r" drops the symbol of a weak function another
 * definition replaced and keeps its body, entries and all; or assembler
 * output (no STT_FILE: compilers write a .file directive, kbuild's .S
 * files none), whose code may sit under a label local to the assembler
 * (Linux 6.1's SYM_CODE_START_LOCAL(.Lcopy_user_handle_tail)), which
 * gives no symbol. There the cause is named in a warning; elsewhere it is
 * an error.
 */
static uint32_t file_symbols(const struct elf_view *v)
{
	uint32_t i, files = 0;

	for (i = 1; i < v->nsyms && files < 2; i++)
		files += elf_sym(v, i).type == STT_FILE;
	return files;
}

static void report_unnamed_code(const struct elf_view *v,
				const struct function_index *fi,
				const struct elf_section *section,
				const struct entry *e, const struct target *t)
{
	const struct elf_section *code = &v->sections[t->sec];
	uint32_t before = function_before(v, fi, t->sec, t->offset);
	uint32_t files = file_symbols(v);

	if (!(code->flags & SHF_EXECINSTR) || files == 1) {
		report_error(v, section, e->offset,
			     "deep: code reference %s+0x%llx lands in no function",
			     code->name, (unsigned long long)t->offset);
		return;
	}
	report_warning(v, section, e->offset,
		       "deep: code reference %s+0x%llx lands in no function but in unnamed code%s%s: %s",
		       code->name, (unsigned long long)t->offset,
		       before ? " after " : "",
		       before ? elf_sym(v, before).name : "",
		       files ? "in a relocatable link, the body of a weak function that another definition replaced" :
			       "in assembler output, code under a label local to the assembler (.L)");
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
	else if (!target.sec || target.sec >= v->shnum)
		report_error(v, section, e->offset,
			     "deep: code reference ?+0x%llx lands in no function",
			     (unsigned long long)target.offset);
	else if (!target.func)
		report_unnamed_code(v, fi, section, e, &target);
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
