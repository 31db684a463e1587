// SPDX-License-Identifier: GPL-2.0
/*
 * Building the entry index: one pass over the symbol table finds and
 * counts the entry symbols (and flags the symbols the symbol-table rules
 * must look at), then they are placed into one array, sorted per section.
 * No per-symbol allocation, whatever the size of vmlinux.o.
 */
#include <elf.h>
#include <stddef.h>
#include <stdlib.h>

#include "../elf/sorted.h"
#include "entries.h"

_Static_assert(offsetof(struct entry, offset) == 0,
	       "lower_bound_by_offset() reads it");

uint64_t entries_lower_bound(const struct entry *e, uint64_t n, uint64_t offset)
{
	return lower_bound_by_offset(e, n, sizeof(*e), offset);
}

static int by_offset_then_size(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	return x->sym < y->sym ? -1 : x->sym > y->sym;
}

static int by_index(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Add symbol index to the flagged ones; -1 when out of memory. */
static int flag_symbol(struct entry_table *t, uint32_t index)
{
	uint32_t *grown = realloc(t->flagged,
				  (t->nflagged + 2) * sizeof(*grown));

	if (!grown)
		return -1;
	t->flagged = grown;
	t->flagged[t->nflagged++] = index;
	return 0;
}

/*
 * In code sections, a zero-size STT_NOTYPE symbol strictly inside a sized
 * entry names a place in that entry's code (a jump target), not an entry.
 * Entries are sorted by offset, zero-size ones first, so a sweep that
 * remembers how far the sized entries reach finds them; the kept entries
 * are compacted in place. A label with the reserved prefix is flagged for
 * the symbol-table rules, which keep their symbols in index order.
 */
static int drop_code_labels(struct entry_table *t, const struct elf_view *v)
{
	uint64_t kept = 0, start = 0, i;
	uint32_t sec, nflagged = t->nflagged;

	for (sec = 0; sec < v->shnum; sec++) {
		uint64_t end = t->first[sec + 1], reach = 0;
		int code = is_code_section(&v->sections[sec]);

		for (i = start; i < end; i++) {
			struct entry *e = &t->entries[i];

			if (code && e->type == STT_NOTYPE && !e->size &&
			    e->offset < reach) {
				if (has_reserved_prefix(elf_sym(v, e->sym).name) &&
				    flag_symbol(t, e->sym))
					return -1;
				continue;
			}
			if (e->offset + e->size > reach)
				reach = e->offset + e->size;
			t->entries[kept++] = *e;
		}
		start = end;
		t->first[sec + 1] = kept;
	}
	if (t->nflagged != nflagged)
		qsort(t->flagged, t->nflagged, sizeof(*t->flagged), by_index);
	return 0;
}

int entry_table_build(struct entry_table *t, const struct elf_view *v)
{
	uint64_t *next;
	uint32_t *found = NULL, i, j, nfound = 0, nflagged;

	t->rules = calloc(v->shnum + 1, sizeof(*t->rules));
	t->first = calloc(v->shnum + 2, sizeof(*t->first));
	next = calloc(v->shnum + 1, sizeof(*next));
	if (!t->rules || !t->first || !next)
		goto fail;
	for (i = 0; i < v->shnum; i++)
		t->rules[i] = policy_classify(&v->sections[i]);

	/*
	 * The only pass over all symbols (229k in vmlinux.o) lists the entry
	 * symbols (25k) from the front of one buffer, counting them per
	 * section, and the flagged ones from its back; placing walks the
	 * short list.
	 */
	found = malloc((v->nsyms + 1) * sizeof(*found));
	if (!found)
		goto fail;
	nflagged = 0;
	for (i = 0; i < v->nsyms; i++) {
		const struct elf_symbol sym = elf_sym(v, i);

		if (is_entry_symbol(t, v, &sym)) {
			found[nfound++] = i;
			t->first[sym.shndx + 1]++;
		} else if (sym.fault != SYM_OK || has_reserved_prefix(sym.name)) {
			found[v->nsyms - ++nflagged] = i;
		}
	}
	t->flagged = malloc((nflagged + 1) * sizeof(*t->flagged));
	if (!t->flagged)
		goto fail;
	for (j = 0; j < nflagged; j++)
		t->flagged[j] = found[v->nsyms - 1 - j];
	t->nflagged = nflagged;
	for (i = 0; i < v->shnum; i++) {
		t->first[i + 1] += t->first[i];
		next[i] = t->first[i];
	}
	t->entries = malloc((t->first[v->shnum] + 1) * sizeof(*t->entries));
	if (!t->entries)
		goto fail;

	for (j = 0; j < nfound; j++) {
		const struct elf_symbol s = elf_sym(v, found[j]), *sym = &s;

		t->entries[next[sym->shndx]++] = (struct entry){
			elf_symbol_offset(v, sym), sym->size, found[j],
			sym->type };
	}
	free(found);
	found = NULL;
	for (i = 0; i < v->shnum; i++) {
		uint64_t n;
		struct entry *e = section_entries(t, i, &n);

		/* The assembler defines them in order. */
		sort_unless_sorted(e, n, sizeof(*e), by_offset_then_size);
	}
	free(next);
	if (drop_code_labels(t, v))
		goto fail_late;
	return 0;
fail:
	free(found);
	free(next);
fail_late:
	entry_table_free(t);
	return -1;
}

void entry_table_free(struct entry_table *t)
{
	free(t->rules);
	free(t->first);
	free(t->entries);
	free(t->flagged);
	t->flagged = NULL;
	t->nflagged = 0;
	t->rules = NULL;
	t->first = NULL;
	t->entries = NULL;
}
