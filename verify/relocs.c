// SPDX-License-Identifier: GPL-2.0
/*
 * Relocations against entries: a livepatch tool copies an entry together
 * with the relocations inside it, so a relocation whose bytes cross an
 * entry boundary (or sit outside every entry) would be cut in half or
 * lost.
 */
#include <elf.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../elf/reloc_types.h"
#include "../elf/sorted.h"
#include "relocs.h"
#include "report.h"

static int by_offset(const void *a, const void *b)
{
	const struct placed_reloc *x = a, *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	if (x->relsec != y->relsec)
		return x->relsec < y->relsec ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

int section_relocs_collect(struct section_relocs *out,
			   const struct elf_view *v, uint32_t sec)
{
	uint64_t total = 0, i;
	uint32_t r;

	memset(out, 0, sizeof(*out));
	for (r = v->sections[sec].relocs; r; r = v->sections[r].next_relocs)
		total += elf_reloc_count(v, &v->sections[r]);
	if (!total)
		return 0;
	out->items = malloc(total * sizeof(*out->items));
	if (!out->items)
		return -1;
	for (r = v->sections[sec].relocs; r; r = v->sections[r].next_relocs) {
		const struct elf_section *relsec = &v->sections[r];
		uint64_t n = elf_reloc_count(v, relsec);

		for (i = 0; i < n; i++) {
			uint64_t at = elf_reloc_r_offset(v, relsec, i);

			out->items[out->count++] = (struct placed_reloc){
				elf_reloc_offset(v, &v->sections[sec], at), r, i };
		}
	}
	/* Assemblers and ld -r write them in order. */
	sort_unless_sorted(out->items, out->count, sizeof(*out->items),
			   by_offset);
	return 0;
}

void section_relocs_free(struct section_relocs *r)
{
	free(r->items);
	r->items = NULL;
	r->count = 0;
}

int reloc_cache_init(struct reloc_cache *c, const struct elf_view *v)
{
	c->v = v;
	c->relocs = calloc(v->shnum + 1, sizeof(*c->relocs));
	c->collected = calloc(v->shnum + 1, 1);
	return c->relocs && c->collected ? 0 : -1;
}

const struct section_relocs *reloc_cache_get(struct reloc_cache *c,
					     uint32_t sec)
{
	if (!c->collected[sec]) {
		if (section_relocs_collect(&c->relocs[sec], c->v, sec))
			return NULL;
		c->collected[sec] = 1;
	}
	return &c->relocs[sec];
}

void reloc_cache_free(struct reloc_cache *c)
{
	uint32_t sec;

	for (sec = 0; c->relocs && sec < c->v->shnum; sec++)
		section_relocs_free(&c->relocs[sec]);
	free(c->relocs);
	free(c->collected);
	c->relocs = NULL;
	c->collected = NULL;
}

/*
 * The last entry starting at or before offset, or NULL. Zero-size entries
 * sort before sized ones at the same offset, so a zero-size answer means
 * no sized entry starts there (one reaching over it is already an overlap).
 */
static const struct entry *entry_at_or_before(const struct entry *e,
					      uint64_t n, uint64_t offset)
{
	uint64_t lo = 0, hi = n;

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (e[mid].offset <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &e[lo - 1] : NULL;
}

/*
 * owner: entry_at_or_before(e, n, pr->offset), which the caller finds by
 * walking the entries alongside the sorted relocations.
 */
static void check_one(const struct elf_view *v, const struct elf_section *sec,
		      const struct entry *e, uint64_t n,
		      const struct placed_reloc *pr, const struct entry *owner)
{
	struct elf_reloc rel;
	uint64_t end;
	int width;

	elf_reloc_read(v, &v->sections[pr->relsec], pr->index, &rel);
	width = reloc_width(v->machine, rel.type);
	if (width < 0) {
		report_error(v, sec, pr->offset,
			     "relocation of unknown type %u", rel.type);
		return;
	}
	if (!width)
		return;
	if (v->sections[pr->relsec].link == v->symtab && rel.sym >= v->nsyms) {
		report_error(v, sec, pr->offset,
			     "relocation %s names symbol %u, past the symbol table",
			     reloc_type_name(v->machine, rel.type), rel.sym);
		return;
	}
	if (pr->offset > sec->size || (uint64_t)width > sec->size - pr->offset) {
		report_error(v, sec, pr->offset,
			     "relocation %s patches bytes past the section end 0x%llx",
			     reloc_type_name(v->machine, rel.type),
			     (unsigned long long)sec->size);
		return;
	}
	end = pr->offset + width;
	if (!owner || !owner->size || owner->offset + owner->size <= pr->offset) {
		report_error(v, sec, pr->offset,
			     "relocation %s lies in no entry",
			     reloc_type_name(v->machine, rel.type));
		return;
	}
	if (end > owner->offset + owner->size) {
		const struct entry *next = entry_at_or_before(e, n, end - 1);

		report_error(v, sec, pr->offset,
			     "relocation %s straddles entries: bytes 0x%llx..0x%llx cross the end of %s%s%s",
			     reloc_type_name(v->machine, rel.type),
			     (unsigned long long)pr->offset,
			     (unsigned long long)end,
			     elf_sym(v, owner->sym).name,
			     next != owner ? " into " : "",
			     next != owner ? elf_sym(v, next->sym).name : "");
	}
}

void check_relocations(const struct elf_view *v, const struct entry_table *t,
		       uint32_t sec, const struct section_relocs *relocs)
{
	uint64_t n, i, k = 0;
	const struct entry *e = section_entries(t, sec, &n);

	/* Both sorted by offset: one merge instead of a search per relocation. */
	for (i = 0; i < relocs->count; i++) {
		const struct placed_reloc *pr = &relocs->items[i];

		while (k < n && e[k].offset <= pr->offset)
			k++;
		check_one(v, &v->sections[sec], e, n, pr, k ? &e[k - 1] : NULL);
	}
}

_Static_assert(offsetof(struct placed_reloc, offset) == 0,
	       "lower_bound_by_offset() reads it");

uint64_t section_reloc_first(const struct section_relocs *r, uint64_t offset)
{
	return lower_bound_by_offset(r->items, r->count, sizeof(*r->items),
				     offset);
}

const struct placed_reloc *section_reloc_at(const struct section_relocs *r,
					    uint64_t offset)
{
	uint64_t k = section_reloc_first(r, offset);

	return k < r->count && r->items[k].offset == offset ? &r->items[k] : NULL;
}

void list_entries(const struct elf_view *v, const struct entry_table *t,
		  uint32_t sec, const struct section_relocs *relocs,
		  const unsigned char *selected)
{
	uint64_t n, i, k;
	const struct entry *e = section_entries(t, sec, &n);

	for (i = 0; i < n; i++) {
		if (selected && !selected[t->first[sec] + i])
			continue;
		report_entry_begin(v, &e[i]);
		for (k = section_reloc_first(relocs, e[i].offset);
		     k < relocs->count &&
		     relocs->items[k].offset - e[i].offset < e[i].size; k++) {
			const struct placed_reloc *pr = &relocs->items[k];
			const struct elf_section *relsec = &v->sections[pr->relsec];
			struct elf_reloc rel;

			elf_reloc_read(v, relsec, pr->index, &rel);
			report_entry_reloc(v, relsec, &rel, pr->offset);
		}
		report_entry_end();
	}
}
