// SPDX-License-Identifier: GPL-2.0
/*
 * Taken pieces live in one array, in the order taken (the walk's queue).
 * Whole sections and units are found through per-section and per-unit
 * slots; unnamed runs, which exist only once something points into them,
 * through a small hash set keyed by section and start.
 */
#include <stdlib.h>
#include <string.h>

#include "../elf/grow.h"
#include "pieces.h"

int pieces_init(struct extraction *x)
{
	const struct elf_view *v = x->v;

	x->whole = calloc(v->shnum + 1, sizeof(*x->whole));
	x->unit_piece = calloc(x->places.first[v->shnum] + 1,
			       sizeof(*x->unit_piece));
	x->object_piece = calloc(v->nsyms + 1, sizeof(*x->object_piece));
	if (reloc_cache_init(&x->relocs, v))
		return -1;
	x->runs.mask = 63;
	x->runs.slots = calloc(x->runs.mask + 1, sizeof(*x->runs.slots));
	if (!x->whole || !x->unit_piece || !x->object_piece || !x->runs.slots)
		return -1;
	return 0;
}

/* Forget every piece: its slot, then the queue; the caches stay. */
void pieces_forget(struct extraction *x)
{
	uint64_t i;

	for (i = 0; i < x->npieces; i++) {
		const struct piece *p = &x->pieces[i];

		if (p->unit)
			x->unit_piece[p->unit - 1] = 0;
		else if (p->object)
			x->object_piece[p->object] = 0;
		else if (x->whole[p->sec] == i + 1)
			x->whole[p->sec] = 0;
	}
	memset(x->runs.slots, 0, (x->runs.mask + 1) * sizeof(*x->runs.slots));
	x->runs.used = 0;
	x->npieces = 0;
}

void pieces_free(struct extraction *x)
{
	reloc_cache_free(&x->relocs);
	free(x->whole);
	free(x->unit_piece);
	free(x->object_piece);
	free(x->runs.slots);
	free(x->pieces);
	x->pieces = NULL;
	x->npieces = 0;
}

/* Append a piece; its index + 1, or 0 when out of memory. */
static uint64_t add_piece(struct extraction *x, uint32_t sec, uint64_t start,
			  uint64_t end, uint32_t unit)
{
	if (grow_array(&x->pieces, &x->cap, x->npieces + 1, sizeof(*x->pieces)))
		return 0;
	x->pieces[x->npieces] = (struct piece){ start, end, 0, sec, unit, 0 };
	return ++x->npieces;
}

int take_whole(struct extraction *x, uint32_t sec)
{
	if (!x->whole[sec])
		x->whole[sec] = add_piece(x, sec, 0, x->v->sections[sec].size, 0);
	return x->whole[sec] ? 0 : -1;
}

int take_object(struct extraction *x, uint32_t sym)
{
	const struct elf_symbol s = elf_sym(x->v, sym);
	uint64_t piece;

	if (x->object_piece[sym])
		return 0;
	piece = add_piece(x, s.shndx, s.value, s.value + s.size, 0);
	if (!piece)
		return -1;
	x->pieces[piece - 1].object = sym;
	x->object_piece[sym] = piece;
	return 0;
}

static int take_unit(struct extraction *x, uint32_t sec, uint64_t unit)
{
	const struct entry *u = &x->places.units[unit];

	if (!x->unit_piece[unit])
		x->unit_piece[unit] = add_piece(x, sec, u->offset,
						u->offset + u->size, unit + 1);
	return x->unit_piece[unit] ? 0 : -1;
}

static uint64_t run_hash(uint32_t sec, uint64_t start)
{
	uint64_t h = start * 0x9e3779b97f4a7c15ULL ^ sec * 0xc2b2ae3d27d4eb4fULL;

	return h ^ h >> 29;
}

/* The slot of the run of sec starting at start: its piece, or a free one. */
static uint64_t *run_slot(const struct extraction *x, uint32_t sec,
			  uint64_t start)
{
	const struct run_set *s = &x->runs;
	uint64_t i = run_hash(sec, start) & s->mask;

	for (;; i = (i + 1) & s->mask) {
		const struct piece *p;

		if (!s->slots[i])
			return &s->slots[i];
		p = &x->pieces[s->slots[i] - 1];
		if (p->sec == sec && p->start == start)
			return &s->slots[i];
	}
}

static int grow_runs(struct extraction *x)
{
	struct run_set old = x->runs;
	uint64_t i;

	x->runs.mask = old.mask * 2 + 1;
	x->runs.slots = calloc(x->runs.mask + 1, sizeof(*x->runs.slots));
	if (!x->runs.slots) {
		x->runs = old;
		return -1;
	}
	for (i = 0; i <= old.mask; i++) {
		const struct piece *p;

		if (!old.slots[i])
			continue;
		p = &x->pieces[old.slots[i] - 1];
		*run_slot(x, p->sec, p->start) = old.slots[i];
	}
	free(old.slots);
	return 0;
}

static int take_run(struct extraction *x, uint32_t sec, uint64_t start,
		    uint64_t end)
{
	uint64_t *slot;

	if (x->runs.used * 2 >= x->runs.mask && grow_runs(x))
		return -1;
	slot = run_slot(x, sec, start);
	if (*slot)
		return 0;
	*slot = add_piece(x, sec, start, end, 0);
	if (!*slot)
		return -1;
	x->runs.used++;
	return 0;
}

int take_place(struct extraction *x, const struct place *pl)
{
	uint64_t u;

	switch (pl->kind) {
	case PLACE_UNITS:
		for (u = pl->first; u <= pl->last; u++)
			if (take_unit(x, pl->sec, u))
				return -1;
		return 0;
	case PLACE_RUN:
		return take_run(x, pl->sec, pl->start, pl->end);
	default:
		return 0;
	}
}

const struct piece *piece_at(const struct extraction *x,
			     const struct place *pl)
{
	uint64_t index = 0;

	switch (pl->kind) {
	case PLACE_WHOLE:
		index = x->whole[pl->sec];
		break;
	case PLACE_UNITS:
		index = x->unit_piece[pl->first];
		break;
	case PLACE_RUN:
		index = *run_slot(x, pl->sec, pl->start);
		break;
	default:
		break;
	}
	return index ? &x->pieces[index - 1] : NULL;
}
