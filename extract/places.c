// SPDX-License-Identifier: GPL-2.0
/*
 * Places: the units of the checked sections (their entries, or sh_entsize
 * slices where a table has no entry symbols) and the named symbols of
 * every section, both sorted by offset, so that a relocation target
 * resolves with a binary search.
 */
#include <elf.h>
#include <stdlib.h>

#include "../elf/reloc_types.h"
#include "carriage.h"
#include "places.h"

int has_contents(const struct elf_section *sec)
{
	switch (sec->type) {
	case SHT_NULL:
	case SHT_SYMTAB:
	case SHT_STRTAB:
	case SHT_RELA:
	case SHT_HASH:
	case SHT_DYNAMIC:
	case SHT_REL:
	case SHT_SHLIB:
	case SHT_DYNSYM:
	case SHT_GROUP:
	case SHT_SYMTAB_SHNDX:
		return 0;
	default:
		/* GNU hash and symbol versions: tables of dynamic linking. */
		return sec->type < SHT_GNU_HASH || sec->type > SHT_HIOS;
	}
}

int is_name(const struct elf_view *v, const struct elf_symbol *s)
{
	if (s->fault != SYM_OK || s->type == STT_SECTION ||
	    s->type == STT_FILE || !s->name[0])
		return 0;
	return s->bind != STB_LOCAL || s->shndx == SHN_UNDEF ||
	       !(v->sections[s->shndx].flags & SHF_MERGE);
}

static int is_named_definition(const struct elf_view *v,
			       const struct elf_symbol *s)
{
	return s->fault == SYM_OK && s->shndx != SHN_UNDEF &&
	       s->shndx < v->shnum && is_name(v, s);
}

/* objtool's tables have no entry symbols: sh_entsize cuts them. */
static uint64_t slices_of(const struct elf_section *sec,
			  const struct section_rule *rule, uint64_t entries)
{
	if (rule->kind == SECTION_UNCHECKED || entries || !sec->entsize ||
	    sec->type == SHT_NOBITS || sec->size % sec->entsize)
		return 0;
	return sec->size / sec->entsize;
}

/*
 * Tables for the tools that read an object, not for the kernel (objtool's
 * annotations: which instructions are reachable, where instrumentation
 * may begin): sections that are not loaded and hold nothing but
 * relocations, back to back. Each relocation is a unit, which comes along
 * with the code it points into, as an entry does. A loaded table of that
 * shape is one only where the carriage table says so (__mcount_loc): an
 * array of function pointers is a variable. The relocations of section
 * sec when it is one, else none.
 */
static uint64_t references_of(const struct elf_view *v,
			      const struct section_rule *rule, uint32_t sec,
			      struct section_relocs *relocs)
{
	const struct elf_section *s = &v->sections[sec];
	uint64_t k, at = 0;

	relocs->items = NULL;
	relocs->count = 0;
	if (rule->kind != SECTION_UNCHECKED ||
	    ((s->flags & SHF_ALLOC) && !carriage_relocation_units(s)) ||
	    !has_contents(s) || s->type == SHT_NOBITS || !s->size)
		return 0;
	if (section_relocs_collect(relocs, v, sec))
		return UINT64_MAX;
	for (k = 0; k < relocs->count; k++) {
		struct elf_reloc rel;
		int width;

		elf_reloc_read(v, &v->sections[relocs->items[k].relsec],
			       relocs->items[k].index, &rel);
		width = reloc_width(v->machine, rel.type);
		if (width <= 0 || relocs->items[k].offset != at)
			break;
		at += width;
	}
	if (k < relocs->count || at != s->size) {
		section_relocs_free(relocs);
		return 0;
	}
	return relocs->count;
}

static int build_units(struct places *p, const struct checked_file *in)
{
	const struct elf_view *v = &in->view;
	const struct entry_table *t = &in->table;
	struct section_relocs *refs;
	uint64_t total = 0, n, k, r;
	uint32_t sec;
	int ret = -1;

	p->first = calloc(v->shnum + 1, sizeof(*p->first));
	refs = calloc(v->shnum + 1, sizeof(*refs));
	if (!p->first || !refs)
		goto out;
	for (sec = 0; sec < v->shnum; sec++) {
		section_entries(t, sec, &n);
		r = references_of(v, &t->rules[sec], sec, &refs[sec]);
		if (r == UINT64_MAX)
			goto out;
		p->first[sec] = total;
		total += n + slices_of(&v->sections[sec], &t->rules[sec], n) + r;
	}
	p->first[v->shnum] = total;
	p->units = malloc((total + 1) * sizeof(*p->units));
	if (!p->units)
		goto out;
	for (sec = 0; sec < v->shnum; sec++) {
		const struct entry *e = section_entries(t, sec, &n);
		const struct elf_section *s = &v->sections[sec];
		struct entry *u = p->units + p->first[sec];

		for (k = 0; k < n; k++)
			u[k] = e[k];
		n = slices_of(s, &t->rules[sec], n);
		for (k = 0; k < n; k++)
			u[k] = (struct entry){ k * s->entsize, s->entsize, 0, 0 };
		for (k = 0; k < refs[sec].count; k++) {
			uint64_t next = k + 1 < refs[sec].count ?
					refs[sec].items[k + 1].offset : s->size;

			u[k] = (struct entry){ refs[sec].items[k].offset,
					       next - refs[sec].items[k].offset, 0, 0 };
		}
	}
	ret = 0;
out:
	for (sec = 0; refs && sec < v->shnum; sec++)
		section_relocs_free(&refs[sec]);
	free(refs);
	return ret;
}

/* reach[j]: how far the named symbols of a section up to slot j extend. */
static int build_reach(struct places *p, const struct elf_view *v)
{
	const struct function_index *named = &p->named;
	uint32_t sec;
	uint64_t j;

	p->reach = malloc((named->first[v->shnum] + 1) * sizeof(*p->reach));
	if (!p->reach)
		return -1;
	for (sec = 0; sec < v->shnum; sec++) {
		uint64_t reach = 0;

		for (j = named->first[sec]; j < named->first[sec + 1]; j++) {
			const struct elf_symbol s = elf_sym(v, named->funcs[j]);

			/* Saturating: a size from the file may be anything. */
			uint64_t end = s.size > UINT64_MAX - s.value ?
				       UINT64_MAX : s.value + s.size;

			if (end > reach)
				reach = end;
			p->reach[j] = reach;
		}
	}
	return 0;
}

int places_build_names(struct places *p, const struct elf_view *v)
{
	memset(p, 0, sizeof(*p));
	if (symbol_index_build(&p->named, v, is_named_definition) ||
	    build_reach(p, v)) {
		places_free(p);
		return -1;
	}
	return 0;
}

int places_build(struct places *p, const struct checked_file *in)
{
	const struct elf_view *v = &in->view;
	uint64_t i;

	if (places_build_names(p, v))
		return -1;
	p->is_entry = calloc(v->nsyms + 1, 1);
	if (!p->is_entry || build_units(p, in)) {
		places_free(p);
		return -1;
	}
	for (i = 0; i < in->table.first[v->shnum]; i++)
		p->is_entry[in->table.entries[i].sym] = 1;
	return 0;
}

void places_free(struct places *p)
{
	free(p->first);
	free(p->units);
	free(p->reach);
	free(p->is_entry);
	function_index_free(&p->named);
	memset(p, 0, sizeof(*p));
}

static struct place in_units(const struct extraction *x, uint32_t sec,
			     uint64_t offset)
{
	const struct places *p = &x->places;
	struct place pl = { PLACE_NOWHERE, sec, 0, 0, 0, 0, 0 };
	uint64_t n, k, last;
	const struct entry *u = section_units(p, sec, &n);

	k = entries_lower_bound(u, n, offset);
	if (k < n && u[k].offset == offset) {
		for (last = k; last + 1 < n && u[last + 1].offset == offset;)
			last++;
	} else if (k > 0 && (offset - u[k - 1].offset < u[k - 1].size ||
			     (offset == x->v->sections[sec].size &&
			      offset == u[k - 1].offset + u[k - 1].size))) {
		last = --k;
	} else {
		return pl;
	}
	pl.kind = PLACE_UNITS;
	pl.first = p->first[sec] + k;
	pl.last = p->first[sec] + last;
	return pl;
}

/* Prefer a global name among symbols at one place: it resolves by itself. */
static int better_name(const struct elf_view *v, uint32_t best, uint32_t i)
{
	return !best || (elf_sym(v, best).bind == STB_LOCAL &&
			 elf_sym(v, i).bind != STB_LOCAL);
}

/* The innermost sized named symbol holding offset, or 0. */
static uint32_t holding(const struct elf_view *v, const struct places *p,
			uint32_t sec, uint64_t offset, uint64_t k)
{
	const uint32_t *syms = p->named.funcs + p->named.first[sec];
	const uint64_t *reach = p->reach + p->named.first[sec];
	uint64_t start = 0;
	uint32_t best = 0;

	for (; k > 0 && reach[k - 1] > offset; k--) {
		const struct elf_symbol s = elf_sym(v, syms[k - 1]);

		if (best && s.value != start)
			break;
		if (offset - s.value < s.size &&
		    better_name(v, best, syms[k - 1])) {
			best = syms[k - 1];
			start = s.value;
		}
	}
	return best;
}

/* A named symbol right at offset, or 0. */
static uint32_t naming(const struct elf_view *v, const struct places *p,
		       uint32_t sec, uint64_t offset)
{
	const uint32_t *syms = p->named.funcs + p->named.first[sec];
	uint64_t k = symbol_index_upper(v, &p->named, sec, offset);
	uint32_t best = 0;

	for (; k > 0 && elf_sym(v, syms[k - 1]).value == offset; k--)
		if (better_name(v, best, syms[k - 1]))
			best = syms[k - 1];
	return best;
}

static int nul_unit(const unsigned char *data, uint64_t at, uint64_t width)
{
	uint64_t i;

	for (i = 0; i < width; i++)
		if (data[at + i])
			return 0;
	return 1;
}

/* The string holding offset, from its start to its NUL inclusive. */
static void string_around(const struct elf_section *s, uint64_t offset,
			  struct place *pl)
{
	uint64_t width = s->entsize ? s->entsize : 1;
	uint64_t start = offset - offset % width, end = start;

	while (start >= width && !nul_unit(s->data, start - width, width))
		start -= width;
	while (end + width <= s->size && !nul_unit(s->data, end, width))
		end += width;
	if (end + width <= s->size)
		end += width;
	pl->start = start;
	pl->end = end > offset ? end : s->size;
}

static struct place in_symbols(const struct elf_view *v,
			       const struct places *p, uint32_t sec,
			       uint64_t offset)
{
	const struct elf_section *s = &v->sections[sec];
	const uint32_t *syms = p->named.funcs + p->named.first[sec];
	uint64_t n = p->named.first[sec + 1] - p->named.first[sec];
	struct place pl = { PLACE_NOWHERE, sec, 0, 0, 0, 0, 0 };
	uint64_t probe = offset == s->size && offset ? offset - 1 : offset;
	uint64_t k = symbol_index_upper(v, &p->named, sec, probe);

	if (offset > s->size)
		return pl;
	pl.kind = PLACE_SYMBOL;
	pl.sym = holding(v, p, sec, probe, k);
	if (!pl.sym)
		pl.sym = naming(v, p, sec, offset);
	if (pl.sym)
		return pl;
	pl.kind = PLACE_RUN;
	if (!s->size)
		return pl;	/* an empty section: nothing but its start */
	if ((s->flags & SHF_MERGE) && (s->flags & SHF_STRINGS) && s->data) {
		string_around(s, probe, &pl);
	} else if ((s->flags & SHF_MERGE) && s->entsize &&
		   s->size % s->entsize == 0) {
		pl.start = probe - probe % s->entsize;
		pl.end = pl.start + s->entsize;
	} else {
		pl.start = k ? p->reach[p->named.first[sec] + k - 1] : 0;
		pl.end = k < n ? elf_sym(v, syms[k]).value : s->size;
		if (pl.end > s->size)
			pl.end = s->size;
	}
	return pl;
}

static int has_place(const struct elf_view *v, uint32_t sec)
{
	return sec != SHN_UNDEF && sec < v->shnum &&
	       has_contents(&v->sections[sec]);
}

struct place locate(const struct extraction *x, uint32_t sec, uint64_t offset)
{
	struct place nowhere = { PLACE_NOWHERE, sec, 0, 0, 0, 0, 0 };
	struct place whole = { PLACE_WHOLE, sec, 0, 0, 0, 0, 0 };

	if (!has_place(x->v, sec))
		return nowhere;
	offset = target_offset(offset);
	if (x->whole[sec])
		return whole;
	if (x->in->table.rules[sec].kind != SECTION_UNCHECKED)
		return in_units(x, sec, offset);
	return in_symbols(x->v, &x->places, sec, offset);
}

struct place locate_source(const struct extraction *x, uint32_t sec,
			   uint64_t offset)
{
	uint64_t n;

	if (has_place(x->v, sec) && !x->whole[sec] &&
	    (section_units(&x->places, sec, &n), n))
		return in_units(x, sec, offset);
	return locate(x, sec, offset);
}

/* Where relocation k of section from (sorted) points, in section terms. */
static struct target target_of(struct extraction *x, uint32_t from,
			       const struct section_relocs *relocs, uint64_t k)
{
	const struct elf_view *v = x->v;
	struct elf_reloc rel;
	struct target t;

	elf_reloc_read(v, &v->sections[relocs->items[k].relsec],
		       relocs->items[k].index, &rel);
	t = reloc_target(v, &v->sections[from], &rel);
	t.offset = target_offset(t.offset);
	return t;
}

int narrow_shared_start(struct extraction *x, struct place *pl, uint32_t from,
			uint64_t k)
{
	const struct section_relocs *relocs;
	struct target at, t;
	uint64_t i, rank = 0, refs = 0;

	if (pl->kind != PLACE_UNITS || pl->first == pl->last)
		return 0;
	relocs = reloc_cache_get(&x->relocs, from);
	if (!relocs)
		return -1;
	at = target_of(x, from, relocs, k);
	for (i = 0; i < relocs->count; i++) {
		t = target_of(x, from, relocs, i);
		if (t.sec != at.sec || t.offset != at.offset)
			continue;
		rank += i < k;
		refs++;
	}
	if (refs == pl->last - pl->first + 1)
		pl->first = pl->last = pl->first + rank;
	return 0;
}

struct place locate_named(const struct elf_view *v, const struct places *p,
			  uint32_t sec, uint64_t offset)
{
	struct place nowhere = { PLACE_NOWHERE, sec, 0, 0, 0, 0, 0 };

	if (!has_place(v, sec))
		return nowhere;
	return in_symbols(v, p, sec, target_offset(offset));
}
