// SPDX-License-Identifier: GPL-2.0
/*
 * The selection: a walk over relocations from the named functions' code,
 * to a fixpoint. The whole rule is here:
 *
 *  1. A taken piece takes every entry it points at - all of them where an
 *     empty entry shares its start with the next one, since which of them
 *     is meant is a question of the layout - and, through a section
 *     symbol, the bytes no symbol names that it points at (a string, a
 *     switch table), so that the output links on its own.
 *  2. An entry of a data section describes code: the code outside the
 *     checked sections it points into (a function), or, when it points into
 *     none, the code entries it points into (an instruction inside a
 *     replacement). Once all the code it describes is taken, so is it.
 *
 * Code entries are never taken for what their own code points at, and
 * nothing else comes along. Rule 2 asks for all of the code rather than
 * some: an entry that points at another function's code and at an entry
 * the walk took only because it shares a start with an empty one belongs
 * to that other function.
 */
#include <stdlib.h>

#include "pieces.h"
#include "walk.h"

/* A reference from a data unit to code that the unit describes. */
struct description {
	uint64_t offset;	/* where in the code section */
	uint64_t unit;
	uint32_t sec;		/* the code's section */
	uint32_t unit_sec;	/* the unit's */
	int plain;		/* into code outside the checked sections */
};

struct descriptions {
	struct description *refs;	/* sorted by section and offset */
	uint64_t count, cap;
	unsigned char *covered;		/* per reference */
	uint32_t *need, *have;		/* per unit */
};

static int is_checked(const struct extraction *x, uint32_t sec)
{
	return x->in->table.rules[sec].kind != SECTION_UNCHECKED;
}

static int add_description(struct descriptions *d, const struct target *t,
			   uint32_t unit_sec, uint64_t unit, int plain)
{
	if (d->count == d->cap) {
		uint64_t cap = d->cap ? 2 * d->cap : 256;
		struct description *grown = realloc(d->refs, cap * sizeof(*grown));

		if (!grown)
			return -1;
		d->refs = grown;
		d->cap = cap;
	}
	d->refs[d->count++] = (struct description){ t->offset, unit, t->sec,
						    unit_sec, plain };
	return 0;
}

/* Record what unit u (index in places) of data section sec describes. */
static int describe_unit(struct extraction *x, struct descriptions *d,
			 uint32_t sec, uint64_t u,
			 const struct section_relocs *relocs)
{
	const struct elf_view *v = x->v;
	const struct entry *unit = &x->places.units[u];
	uint64_t k, from = d->count, kept = from, plain = 0;

	for (k = section_reloc_first(relocs, unit->offset);
	     k < relocs->count &&
	     relocs->items[k].offset - unit->offset < unit->size; k++) {
		const struct placed_reloc *pr = &relocs->items[k];
		struct elf_reloc rel;
		struct target t;

		elf_reloc_read(v, &v->sections[pr->relsec], pr->index, &rel);
		t = resolve_reloc(v, &x->in->functions, &v->sections[sec], &rel);
		if (t.sec == SHN_UNDEF || t.sec >= v->shnum ||
		    !is_code_section(&v->sections[t.sec]))
			continue;
		if (add_description(d, &t, sec, u, !is_checked(x, t.sec)))
			return -1;
		plain += !is_checked(x, t.sec);
	}
	/* Function code, if there is any, is what the entry describes. */
	for (k = from; k < d->count; k++)
		if (d->refs[k].plain || !plain)
			d->refs[kept++] = d->refs[k];
	d->count = kept;
	d->need[u] = kept - from;
	return 0;
}

static int by_place(const void *a, const void *b)
{
	const struct description *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return (x->unit > y->unit) - (x->unit < y->unit);
}

static int describe(struct extraction *x, struct descriptions *d)
{
	const struct elf_view *v = x->v;
	uint64_t n, u;
	uint32_t sec;

	d->need = calloc(x->places.first[v->shnum] + 1, sizeof(*d->need));
	d->have = calloc(x->places.first[v->shnum] + 1, sizeof(*d->have));
	if (!d->need || !d->have)
		return -1;
	for (sec = 1; sec < v->shnum; sec++) {
		const struct section_relocs *relocs;

		section_units(&x->places, sec, &n);
		if (!n || is_code_section(&v->sections[sec]))
			continue;
		relocs = relocs_of(x, sec);
		if (!relocs)
			return -1;
		for (u = x->places.first[sec]; u < x->places.first[sec + 1]; u++)
			if (describe_unit(x, d, sec, u, relocs))
				return -1;
	}
	if (d->count)
		qsort(d->refs, d->count, sizeof(*d->refs), by_place);
	d->covered = calloc(d->count + 1, 1);
	return d->covered ? 0 : -1;
}

static void descriptions_free(struct descriptions *d)
{
	free(d->refs);
	free(d->covered);
	free(d->need);
	free(d->have);
}

/* The first description at or after (sec, offset). */
static uint64_t first_description(const struct descriptions *d, uint32_t sec,
				  uint64_t offset)
{
	uint64_t lo = 0, hi = d->count;

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		const struct description *m = &d->refs[mid];

		if (m->sec < sec || (m->sec == sec && m->offset < offset))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Rule 2, for a code piece just taken. A reference right at its end
 * counts when that is the end of the section (nothing else is there).
 */
static int cover(struct extraction *x, struct descriptions *d,
		 const struct piece *p)
{
	uint64_t size = x->v->sections[p->sec].size, i;

	for (i = first_description(d, p->sec, p->start);
	     i < d->count && d->refs[i].sec == p->sec &&
	     d->refs[i].offset <= p->end; i++) {
		const struct description *ref = &d->refs[i];
		uint64_t u = ref->unit;
		struct place unit = { PLACE_UNITS, ref->unit_sec, 0, u, u, 0, 0 };

		if (ref->offset == p->end && p->end != p->start && p->end != size)
			break;
		if (d->covered[i])
			continue;
		d->covered[i] = 1;
		if (++d->have[u] < d->need[u])
			continue;
		if (take_place(x, &unit))
			return -1;
	}
	return 0;
}

/* Rule 1, for any piece just taken. */
static int follow(struct extraction *x, const struct piece *p)
{
	const struct elf_view *v = x->v;
	const struct section_relocs *relocs = relocs_of(x, p->sec);
	uint64_t k;

	if (!relocs)
		return -1;
	for (k = section_reloc_first(relocs, p->start);
	     k < relocs->count && relocs->items[k].offset < p->end; k++) {
		const struct placed_reloc *pr = &relocs->items[k];
		struct elf_reloc rel;
		struct target t;
		struct place pl;

		elf_reloc_read(v, &v->sections[pr->relsec], pr->index, &rel);
		if (rel.sym == 0 || rel.sym >= v->nsyms)
			continue;
		t = resolve_reloc(v, &x->in->functions, &v->sections[p->sec],
				  &rel);
		pl = locate(x, t.sec, t.offset);
		if (pl.kind == PLACE_RUN) {
			const struct elf_symbol s = elf_sym(v, rel.sym);

			if (is_name(v, &s))
				continue;
		}
		if (take_place(x, &pl))
			return -1;
	}
	return 0;
}

int walk(struct extraction *x)
{
	struct descriptions d = { 0 };
	uint64_t i;
	int ret = -1;

	if (describe(x, &d))
		goto out;
	/* x->pieces is the queue: taking appends, so this runs to the fixpoint. */
	for (i = 0; i < x->npieces; i++) {
		struct piece p = x->pieces[i];

		if (is_code_section(&x->v->sections[p.sec]) && cover(x, &d, &p))
			goto out;
		if (follow(x, &p))
			goto out;
	}
	ret = 0;
out:
	descriptions_free(&d);
	return ret;
}
