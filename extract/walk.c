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
 * nothing else comes along - but what the roots say must be carried: a
 * function or data object marked so is taken once a taken piece points
 * at it (a patch's new code and data). Rule 2 asks for all of the code
 * rather than some: an entry that points at another function's code and
 * at an entry the walk took only because it shares a start with an empty
 * one belongs to that other function.
 */
#include <stddef.h>
#include <stdlib.h>

#include "../elf/grow.h"
#include "../elf/sorted.h"
#include "pieces.h"
#include "roots.h"
#include "walk.h"

/* A reference from a data unit to code that the unit describes. */
struct description {
	uint64_t offset;	/* where in the code section */
	uint64_t unit;
	uint32_t sec;		/* the code's section */
	uint32_t unit_sec;	/* the unit's */
	int plain;		/* into code outside the checked sections */
};

struct walk {
	struct extraction *x;
	struct description *refs;	/* by section, then offset */
	uint64_t count, cap;
	uint64_t *first;		/* per code section: its first */
	unsigned char *sorted;		/* per code section: by offset yet */
	unsigned char *covered;		/* per reference */
	uint32_t *need, *have;		/* per unit */
};

static int is_checked(const struct extraction *x, uint32_t sec)
{
	return x->in->table.rules[sec].kind != SECTION_UNCHECKED;
}

static int add_description(struct walk *d, const struct target *t,
			   uint32_t unit_sec, uint64_t unit, int plain)
{
	if (grow_array(&d->refs, &d->cap, d->count + 1, sizeof(*d->refs)))
		return -1;
	d->refs[d->count++] = (struct description){
		target_offset(t->offset), unit, t->sec, unit_sec, plain };
	return 0;
}

/*
 * Record what unit u (index in places) of data section sec describes.
 * *k walks the section's sorted relocations alongside its sorted units.
 */
static int describe_unit(struct extraction *x, struct walk *d,
			 uint32_t sec, uint64_t u,
			 const struct section_relocs *relocs, uint64_t *k)
{
	const struct elf_view *v = x->v;
	const struct entry *unit = &x->places.units[u];
	uint64_t from = d->count, kept = from, plain = 0, i;

	while (*k < relocs->count && relocs->items[*k].offset < unit->offset)
		++*k;
	for (; *k < relocs->count &&
	     relocs->items[*k].offset - unit->offset < unit->size; ++*k) {
		const struct placed_reloc *pr = &relocs->items[*k];
		struct elf_reloc rel;
		struct target t;

		elf_reloc_read(v, &v->sections[pr->relsec], pr->index, &rel);
		t = reloc_target(v, &v->sections[sec], &rel);
		if (t.sec == SHN_UNDEF || t.sec >= v->shnum ||
		    !is_code_section(&v->sections[t.sec]))
			continue;
		if (add_description(d, &t, sec, u, !is_checked(x, t.sec)))
			return -1;
		plain += !is_checked(x, t.sec);
	}
	/* Function code, if there is any, is what the entry describes. */
	for (i = from; i < d->count; i++)
		if (d->refs[i].plain || !plain)
			d->refs[kept++] = d->refs[i];
	d->count = kept;
	d->need[u] = kept - from;
	return 0;
}

static int by_place(const void *a, const void *b)
{
	const struct description *x = a, *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return (x->unit > y->unit) - (x->unit < y->unit);
}

/*
 * Group the descriptions by the code section they point into: counting,
 * not comparing, for there are as many as data relocations. A group is
 * sorted by offset only once a piece that is not its whole section asks.
 */
static int group_by_section(const struct elf_view *v, struct walk *d)
{
	struct description *grouped;
	uint64_t *next, i;
	uint32_t sec;

	d->first = calloc(v->shnum + 2, sizeof(*d->first));
	d->sorted = calloc(v->shnum + 1, 1);
	next = calloc(v->shnum + 1, sizeof(*next));
	grouped = malloc((d->count + 1) * sizeof(*grouped));
	if (!d->first || !d->sorted || !next || !grouped) {
		free(next);
		free(grouped);
		return -1;
	}
	for (i = 0; i < d->count; i++)
		d->first[d->refs[i].sec + 1]++;
	for (sec = 0; sec < v->shnum; sec++) {
		d->first[sec + 1] += d->first[sec];
		next[sec] = d->first[sec];
	}
	for (i = 0; i < d->count; i++)
		grouped[next[d->refs[i].sec]++] = d->refs[i];
	free(next);
	free(d->refs);
	d->refs = grouped;
	return 0;
}

static int describe(struct extraction *x, struct walk *d)
{
	const struct elf_view *v = x->v;
	uint64_t n, u, k;
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
		relocs = reloc_cache_get(&x->relocs, sec);
		if (!relocs)
			return -1;
		k = 0;
		for (u = x->places.first[sec]; u < x->places.first[sec + 1]; u++)
			if (describe_unit(x, d, sec, u, relocs, &k))
				return -1;
	}
	if (group_by_section(v, d))
		return -1;
	d->covered = calloc(d->count + 1, 1);
	return d->covered ? 0 : -1;
}

_Static_assert(offsetof(struct description, offset) == 0,
	       "lower_bound_by_offset() reads it");

/* The first description into section sec at or after offset. */
static uint64_t first_description(struct walk *d, uint32_t sec,
				  uint64_t offset)
{
	uint64_t lo = d->first[sec], hi = d->first[sec + 1];

	if (!d->sorted[sec]) {
		sort_unless_sorted(d->refs + lo, hi - lo, sizeof(*d->refs),
				   by_place);
		d->sorted[sec] = 1;
	}
	return lo + lower_bound_by_offset(d->refs + lo, hi - lo,
					  sizeof(*d->refs), offset);
}

/*
 * Whether a reference to offset lands in piece p of a section of size
 * bytes: inside it, at the start of an empty one, or at its end when
 * that is the end of the section (nothing else is there).
 */
static int lands_in(uint64_t offset, const struct piece *p, uint64_t size)
{
	return (offset >= p->start && offset < p->end) || offset == p->start ||
	       (offset == p->end && p->end == size);
}

/* Rule 2, for a code piece just taken. */
static int cover(struct extraction *x, struct walk *d,
		 const struct piece *p)
{
	uint64_t size = x->v->sections[p->sec].size, i;
	int whole = !p->unit && x->whole[p->sec];

	/* A whole section needs no order; a part, the sorted run at it. */
	i = whole ? d->first[p->sec] : first_description(d, p->sec, p->start);
	for (; i < d->first[p->sec + 1]; i++) {
		const struct description *ref = &d->refs[i];
		uint64_t u = ref->unit;
		struct place unit = { PLACE_UNITS, ref->unit_sec, 0, u, u, 0, 0 };

		if (!lands_in(ref->offset, p, size)) {
			if (whole)
				continue;
			break;
		}
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
	const struct section_relocs *relocs = reloc_cache_get(&x->relocs,
							      p->sec);
	uint64_t k;
	int ret;

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
		t = reloc_target(v, &v->sections[p->sec], &rel);
		pl = locate(x, t.sec, t.offset);
		if (pl.kind == PLACE_RUN) {
			const struct elf_symbol s = elf_sym(v, rel.sym);

			if (is_name(v, &s))
				continue;
		}
		if (narrow_shared_start(x, &pl, p->sec, k))
			return -1;
		if (pl.kind == PLACE_SYMBOL && x->carry && x->carry[pl.sym]) {
			ret = take_carried(x, pl.sym);
			if (ret)
				return ret;
			continue;
		}
		if (take_place(x, &pl))
			return -1;
	}
	return 0;
}

struct walk *walk_new(struct extraction *x)
{
	struct walk *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->x = x;
	if (describe(x, d)) {
		walk_free(d);
		return NULL;
	}
	return d;
}

void walk_free(struct walk *d)
{
	if (!d)
		return;
	free(d->first);
	free(d->sorted);
	free(d->refs);
	free(d->covered);
	free(d->need);
	free(d->have);
	free(d);
}

int walk_run(struct walk *d)
{
	struct extraction *x = d->x;
	uint64_t i;
	int ret;

	/* x->pieces is the queue: taking appends, so this runs to the fixpoint. */
	for (i = 0; i < x->npieces; i++) {
		struct piece p = x->pieces[i];

		if (is_code_section(&x->v->sections[p.sec]) && cover(x, d, &p))
			return -1;
		ret = follow(x, &p);
		if (ret)
			return ret;
	}
	return 0;
}

void walk_forget(struct walk *d)
{
	struct extraction *x = d->x;
	uint64_t size, i, k;

	/* What rule 2 counted for the taken code, as cover() went through it. */
	for (k = 0; k < x->npieces; k++) {
		const struct piece *p = &x->pieces[k];
		int whole = !p->unit && x->whole[p->sec] == k + 1;

		if (!is_code_section(&x->v->sections[p->sec]))
			continue;
		size = x->v->sections[p->sec].size;
		i = whole ? d->first[p->sec] : first_description(d, p->sec, p->start);
		for (; i < d->first[p->sec + 1]; i++) {
			if (!lands_in(d->refs[i].offset, p, size)) {
				if (whole)
					continue;
				break;
			}
			d->covered[i] = 0;
			d->have[d->refs[i].unit] = 0;
		}
	}
	pieces_forget(x);
}

int walk(struct extraction *x)
{
	struct walk *d = walk_new(x);
	int ret;

	if (!d)
		return -1;
	ret = walk_run(d);
	walk_free(d);
	return ret;
}
