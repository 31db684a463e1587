// SPDX-License-Identifier: GPL-2.0
/*
 * The account: after the walk has taken what belongs to the copied code,
 * every relocation of the input that points into that code from bytes
 * not taken is one a livepatch module leaves behind. Its section's row of
 * the carriage table says whether it may: dropped (with why), left with
 * the other code an entry also describes, or refused, by name. Nothing
 * is dropped without a row that says so.
 */
#include <stdlib.h>
#include <string.h>

#include "../elf/diagnostics.h"
#include "../elf/grow.h"
#include "account.h"
#include "carriage.h"
#include "pieces.h"
#include "places.h"
#include "reloc_walk.h"

/* A reference left behind: from section sec into the code at target. */
struct left {
	uint32_t sec;
	uint32_t target_sec;
	uint64_t target;
};

struct ledger {
	struct left *items;
	uint64_t count, cap;
};

static int any_unit_taken(const struct extraction *x, const struct place *pl)
{
	uint64_t u;

	for (u = pl->first; u <= pl->last; u++)
		if (x->unit_piece[u])
			return 1;
	return 0;
}

/* Whether the bytes at offset of section sec are copied. */
static int copied(const struct extraction *x, uint32_t sec, uint64_t offset)
{
	struct place pl = locate_source(x, sec, offset);

	switch (pl.kind) {
	case PLACE_WHOLE:
		return 1;
	case PLACE_UNITS:
		return any_unit_taken(x, &pl);
	case PLACE_SYMBOL:
		return x->object_piece[pl.sym] != 0;
	case PLACE_RUN:
		return piece_at(x, &pl) != NULL;
	default:
		return 0;
	}
}

static int is_copied_code(const struct extraction *x, uint32_t sec,
			  uint64_t offset)
{
	return sec != SHN_UNDEF && sec < x->v->shnum &&
	       is_code_section(&x->v->sections[sec]) && copied(x, sec, offset);
}

/* The relocations of section sec that point into copied code, untaken. */
static int ledger_section(struct extraction *x, uint32_t sec,
			  struct ledger *l)
{
	const struct elf_view *v = x->v;
	struct reloc_walk w;
	struct elf_reloc rel;
	uint64_t at;

	for (reloc_walk_begin(&w, v, sec); reloc_walk_next(&w, &at, &rel);) {
		struct target t;

		if (!rel.sym || rel.sym >= v->nsyms)
			continue;
		t = reloc_target(v, &v->sections[sec], &rel);
		t.offset = target_offset(t.offset);
		if (!is_copied_code(x, t.sec, t.offset) || copied(x, sec, at))
			continue;
		if (grow_array(&l->items, &l->cap, l->count + 1, sizeof(*l->items)))
			return -1;
		l->items[l->count++] = (struct left){ sec, t.sec, t.offset };
	}
	return 0;
}

static int by_section_and_target(const void *a, const void *b)
{
	const struct left *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	if (x->target_sec != y->target_sec)
		return x->target_sec < y->target_sec ? -1 : 1;
	return (x->target > y->target) - (x->target < y->target);
}

/* The function (or code entry) a reference points into, for messages. */
static void name_target(const struct extraction *x, const struct left *l,
			char *buf, size_t size)
{
	const struct elf_view *v = x->v;
	struct place pl = locate_named(v, &x->places, l->target_sec, l->target);

	if (pl.kind == PLACE_SYMBOL && pl.sym &&
	    x->in->table.rules[l->target_sec].kind == SECTION_UNCHECKED)
		snprintf(buf, size, "%s", elf_sym(v, pl.sym).name);
	else
		snprintf(buf, size, "%s+0x%llx", v->sections[l->target_sec].name,
			 (unsigned long long)l->target);
}

static void refuse(const struct extraction *x, const char *function,
		   const struct carriage_rule *row, uint32_t sec)
{
	report_clean(stderr, x->v->path);
	fputs(": cannot patch: ", stderr);
	report_clean(stderr, function);
	fputs(": ", stderr);
	fprintf(stderr, row->why, x->v->sections[sec].name);
	fputc('\n', stderr);
	report_errors++;
}

/* One section's references left behind, [from, to) of the sorted ledger. */
static int settle(const struct extraction *x, const struct left *from,
		  const struct left *to, FILE *explain)
{
	const struct carriage_rule *row = carriage_rule(x->v, &x->places, from->sec);
	char name[256], last[256] = "";
	const struct left *l;
	int refused = 0, listed = 0;

	if (row->what != REFUSED && !explain)
		return 0;
	if (row->what != REFUSED)
		fprintf(explain, "%s: %s: %s: %llu reference%s into ", x->v->path,
			row->what == DROPPED ? "dropped" : "left",
			x->v->sections[from->sec].name,
			(unsigned long long)(to - from), to - from == 1 ? "" : "s");
	for (l = from; l < to; l++) {
		name_target(x, l, name, sizeof(name));
		if (!strcmp(name, last))
			continue;
		snprintf(last, sizeof(last), "%s", name);
		if (row->what == REFUSED) {
			refuse(x, name, row, from->sec);
			refused = 1;
		} else {
			fprintf(explain, "%s%s", listed++ ? ", " : "", name);
		}
	}
	if (row->what != REFUSED)
		fprintf(explain, ": %s\n", row->why);
	return refused;
}

int account_references(struct extraction *x, FILE *explain)
{
	struct ledger l = { 0 };
	uint64_t i, start;
	uint32_t sec;
	int bad = 0;

	for (sec = 1; sec < x->v->shnum; sec++) {
		if (!has_contents(&x->v->sections[sec]))
			continue;
		if (ledger_section(x, sec, &l)) {
			free(l.items);
			return -1;
		}
	}
	/* Nothing points into the copied code: no array to sort. */
	if (l.count)
		qsort(l.items, l.count, sizeof(*l.items), by_section_and_target);
	for (start = i = 0; i <= l.count; i++) {
		if (i < l.count && l.items[i].sec == l.items[start].sec)
			continue;
		if (i > start)
			bad |= settle(x, &l.items[start], &l.items[i], explain);
		start = i;
	}
	free(l.items);
	return bad;
}

int section_points_into_code(const struct elf_view *v, uint32_t sec)
{
	struct reloc_walk w;
	struct elf_reloc rel;
	uint64_t at;

	for (reloc_walk_begin(&w, v, sec); reloc_walk_next(&w, &at, &rel);) {
		struct target t;

		if (!rel.sym || rel.sym >= v->nsyms)
			continue;
		t = reloc_target(v, &v->sections[sec], &rel);
		if (t.sec != SHN_UNDEF && t.sec < v->shnum &&
		    is_code_section(&v->sections[t.sec]))
			return 1;
	}
	return 0;
}

int account_sections(const struct checked_file *in, FILE *out)
{
	struct extraction x = { 0 };
	uint32_t sec;

	x.in = in;
	x.v = &in->view;
	if (places_build(&x.places, in))
		return -1;
	for (sec = 1; sec < x.v->shnum; sec++) {
		const struct carriage_rule *row;

		if (!has_contents(&x.v->sections[sec]) ||
		    !section_points_into_code(x.v, sec))
			continue;
		row = carriage_rule(x.v, &x.places, sec);
		fprintf(out, "%s: %s: %s: %s: ", x.v->path, x.v->sections[sec].name,
			carriage_word(row->what), carriage_row_name(row));
		if (row->what == REFUSED)
			fprintf(out, row->why, x.v->sections[sec].name);
		else
			fputs(row->why, out);
		fputc('\n', out);
	}
	places_free(&x.places);
	return 0;
}
