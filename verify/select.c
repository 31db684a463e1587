// SPDX-License-Identifier: GPL-2.0
/*
 * Selecting the entries of a set of functions. An entry belongs to a
 * function when one of its relocations resolves into it, except along the
 * alternatives chain the kernel uses: an .altinstructions entry belongs
 * where its original-instruction reference points, and the replacement it
 * names comes with it (a replacement's own code may call anything).
 */
#include <stdlib.h>
#include <string.h>

#include "relocs.h"
#include "select.h"
#include "x86_layout.h"

static unsigned char *wanted_functions(const struct elf_view *v,
				       const char *const *names, size_t n)
{
	unsigned char *wanted = calloc(v->nsyms + 1, 1);
	uint32_t i;
	size_t k;

	if (!wanted)
		return NULL;
	for (i = 0; i < v->nsyms; i++) {
		const char *name = elf_sym(v, i).name;

		for (k = 0; k < n; k++)
			if (!strcmp(name, names[k]))
				wanted[i] = 1;
	}
	return wanted;
}

static int references_wanted(const struct elf_view *v,
			     const struct function_index *fi,
			     const struct elf_section *sec,
			     const struct placed_reloc *pr,
			     const unsigned char *wanted)
{
	struct elf_reloc rel;
	struct target t;

	elf_reloc_read(v, &v->sections[pr->relsec], pr->index, &rel);
	t = resolve_reloc(v, fi, sec, &rel);
	return t.func && wanted[t.func];
}

/* Select the replacement entries an .altinstructions entry names. */
static void select_replacement(const struct elf_view *v,
			       const struct entry_table *t,
			       const struct function_index *fi,
			       uint32_t sec, const struct entry *alt,
			       const struct section_relocs *relocs,
			       unsigned char *selected)
{
	const struct placed_reloc *pr =
		section_reloc_at(relocs, alt->offset + ALT_INSTR_REPL);
	struct elf_reloc rel;
	struct target target;
	uint64_t n, i;
	const struct entry *e;
	int replen = -1;

	if (!pr)
		return;
	elf_reloc_read(v, &v->sections[pr->relsec], pr->index, &rel);
	target = resolve_reloc(v, fi, &v->sections[sec], &rel);
	if (target.sec == 0 || target.sec >= v->shnum ||
	    strcmp(v->sections[target.sec].name, SEC_ALTREPLACEMENT))
		return;
	/*
	 * An empty replacement shares its start with the next one: the
	 * replacementlen byte tells which of the entries there is meant; an
	 * entry too short to hold one selects them all.
	 */
	if (alt->size >= ALT_INSTR_MIN_SIZE &&
	    entry_readable(&v->sections[sec], alt))
		replen = v->sections[sec].data[alt->offset + alt_instr_repllen(alt->size)];
	e = section_entries(t, target.sec, &n);
	for (i = entries_lower_bound(e, n, target.offset);
	     i < n && e[i].offset == target.offset; i++)
		if (replen < 0 || e[i].size == (uint64_t)replen)
			selected[t->first[target.sec] + i] = 1;
}

static void select_in_section(const struct elf_view *v,
			      const struct entry_table *t,
			      const struct function_index *fi, uint32_t sec,
			      const struct section_relocs *relocs,
			      const unsigned char *wanted,
			      unsigned char *selected)
{
	const struct elf_section *section = &v->sections[sec];
	int alternatives = !strcmp(section->name, SEC_ALTINSTRUCTIONS);
	uint64_t n, i, k;
	const struct entry *e = section_entries(t, sec, &n);

	if (!strcmp(section->name, SEC_ALTREPLACEMENT))
		return;		/* reached through .altinstructions only */
	for (i = 0; i < n; i++) {
		const struct placed_reloc *pr;
		int hit = 0;

		if (alternatives) {
			pr = section_reloc_at(relocs, e[i].offset + ALT_INSTR_ORIG);
			hit = pr && references_wanted(v, fi, section, pr, wanted);
		}
		for (k = section_reloc_first(relocs, e[i].offset);
		     !alternatives && !hit && k < relocs->count &&
		     relocs->items[k].offset - e[i].offset < e[i].size; k++)
			hit = references_wanted(v, fi, section, &relocs->items[k],
						wanted);
		if (!hit)
			continue;
		selected[t->first[sec] + i] = 1;
		if (alternatives)
			select_replacement(v, t, fi, sec, &e[i], relocs, selected);
	}
}

int select_referencing(const struct elf_view *v, const struct entry_table *t,
		       const struct function_index *fi,
		       const char *const *names, size_t nnames,
		       unsigned char *selected)
{
	unsigned char *wanted = wanted_functions(v, names, nnames);
	uint32_t sec;

	if (!wanted)
		return -1;
	for (sec = 1; sec < v->shnum; sec++) {
		struct section_relocs relocs;
		uint64_t n;

		section_entries(t, sec, &n);
		if (!n)
			continue;
		if (section_relocs_collect(&relocs, v, sec)) {
			free(wanted);
			return -1;
		}
		select_in_section(v, t, fi, sec, &relocs, wanted, selected);
		section_relocs_free(&relocs);
	}
	free(wanted);
	return 0;
}
