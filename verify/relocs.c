// SPDX-License-Identifier: GPL-2.0
/*
 * Relocations against entries: a livepatch tool copies an entry together
 * with the relocations inside it, so a relocation whose bytes cross an
 * entry boundary (or sit outside every entry) would be cut in half or
 * lost.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "relocs.h"
#include "reloc_types.h"
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

static int patches(const struct elf_section *relsec, uint32_t sec)
{
	return (relsec->type == SHT_REL || relsec->type == SHT_RELA) &&
	       relsec->info == sec;
}

int section_relocs_collect(struct section_relocs *out,
			   const struct elf_view *v, uint32_t sec)
{
	uint64_t total = 0, i;
	uint32_t r;

	memset(out, 0, sizeof(*out));
	for (r = 1; r < v->shnum; r++)
		if (patches(&v->sections[r], sec))
			total += elf_reloc_count(v, &v->sections[r]);
	if (!total)
		return 0;
	out->items = malloc(total * sizeof(*out->items));
	if (!out->items)
		return -1;
	for (r = 1; r < v->shnum; r++) {
		const struct elf_section *relsec = &v->sections[r];

		if (!patches(relsec, sec))
			continue;
		for (i = 0; i < elf_reloc_count(v, relsec); i++) {
			struct elf_reloc rel;

			elf_reloc_read(v, relsec, i, &rel);
			out->items[out->count++] = (struct placed_reloc){
				elf_reloc_offset(v, &v->sections[sec],
						 rel.offset), r, i };
		}
	}
	qsort(out->items, out->count, sizeof(*out->items), by_offset);
	return 0;
}

void section_relocs_free(struct section_relocs *r)
{
	free(r->items);
	r->items = NULL;
	r->count = 0;
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

static void check_one(const struct elf_view *v, const struct elf_section *sec,
		      const struct entry *e, uint64_t n,
		      const struct placed_reloc *pr)
{
	struct elf_reloc rel;
	const struct entry *owner;
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
	owner = entry_at_or_before(e, n, pr->offset);
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
			     v->symbols[owner->sym].name,
			     next != owner ? " into " : "",
			     next != owner ? v->symbols[next->sym].name : "");
	}
}

void check_relocations(const struct elf_view *v, const struct entry_table *t,
		       uint32_t sec, const struct section_relocs *relocs)
{
	uint64_t n, i;
	const struct entry *e = section_entries(t, sec, &n);

	for (i = 0; i < relocs->count; i++)
		check_one(v, &v->sections[sec], e, n, &relocs->items[i]);
}

/* REL keeps the addend in the patched bytes; show it as RELA would. */
static int64_t implicit_addend(const struct elf_section *sec,
			       uint64_t offset, int width)
{
	int32_t a32;
	int64_t a64;

	if (!sec->data || offset > sec->size ||
	    (uint64_t)width > sec->size - offset)
		return 0;
	if (width == 4) {
		memcpy(&a32, sec->data + offset, 4);
		return a32;
	}
	if (width == 8) {
		memcpy(&a64, sec->data + offset, 8);
		return a64;
	}
	return 0;
}

static uint64_t first_reloc_at(const struct section_relocs *r, uint64_t offset)
{
	uint64_t lo = 0, hi = r->count;

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (r->items[mid].offset < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void list_entries(const struct elf_view *v, const struct entry_table *t,
		  uint32_t sec, const struct section_relocs *relocs)
{
	const struct elf_section *section = &v->sections[sec];
	uint64_t n, i, k;
	const struct entry *e = section_entries(t, sec, &n);

	for (i = 0; i < n; i++) {
		report_entry_begin(v, &e[i]);
		for (k = first_reloc_at(relocs, e[i].offset);
		     k < relocs->count &&
		     relocs->items[k].offset - e[i].offset < e[i].size; k++) {
			const struct placed_reloc *pr = &relocs->items[k];
			const struct elf_section *relsec = &v->sections[pr->relsec];
			struct elf_reloc rel;

			elf_reloc_read(v, relsec, pr->index, &rel);
			if (!rel.has_addend)
				rel.addend = implicit_addend(section, pr->offset,
					reloc_width(v->machine, rel.type));
			report_entry_reloc(v, relsec, &rel, pr->offset);
		}
		report_entry_end();
	}
}
