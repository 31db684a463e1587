// SPDX-License-Identifier: GPL-2.0
/*
 * The account refuses a table no row names when it points into a copied
 * function. A patch may change such a table where it points into a
 * function it does not change, and then nothing is copied that the
 * account would see: the change would be dropped. So the tables no row
 * names are compared whole, as data is, and any difference refuses.
 */
#include <string.h>

#include "account.h"
#include "carriage.h"
#include "reloc_walk.h"
#include "unknown.h"

/* A section of v that points into code and that no row names. */
static int is_unknown_table(const struct elf_view *v, const struct places *p,
			    uint32_t sec)
{
	const struct carriage_rule *row;

	if (!has_contents(&v->sections[sec]) || !section_points_into_code(v, sec))
		return 0;
	row = carriage_rule(v, p, sec);
	return carriage_names_none(row);
}

typedef void (*differ_fn)(void *ctx, const char *section, const char *function);

/* differ() for each function section sec of side s points into, once. */
static void name_functions(const struct side *s, uint32_t sec, differ_fn differ,
			   void *ctx)
{
	const struct elf_view *v = s->v;
	const char *last = "";
	struct reloc_walk w;
	struct elf_reloc rel;
	uint64_t at;

	for (reloc_walk_begin(&w, v, sec); reloc_walk_next(&w, &at, &rel);) {
		struct target t;
		struct place pl;
		const char *name;

		if (!rel.sym || rel.sym >= v->nsyms)
			continue;
		t = reloc_target(v, &v->sections[sec], &rel);
		if (t.sec == SHN_UNDEF || t.sec >= v->shnum ||
		    !is_code_section(&v->sections[t.sec]))
			continue;
		pl = locate_named(v, &s->names, t.sec, t.offset);
		name = pl.kind == PLACE_SYMBOL && pl.sym ? elf_sym(v, pl.sym).name :
		       v->sections[t.sec].name;
		if (strcmp(name, last))
			differ(ctx, v->sections[sec].name, name);
		last = name;
	}
}

static uint32_t section_named(const struct elf_view *v, const char *name)
{
	uint32_t sec;

	for (sec = 1; sec < v->shnum; sec++)
		if (!strcmp(v->sections[sec].name, name))
			return sec;
	return 0;
}

/* The unknown tables of a that b lacks or holds otherwise. */
static int compare_side(struct comparison *c, int patched,
			const struct places *pa, differ_fn differ, void *ctx)
{
	const struct side *s = patched ? &c->in : &c->orig;
	const struct elf_view *a = s->v;
	const struct elf_view *b = patched ? c->orig.v : c->in.v;
	uint32_t sec, other;
	int same;

	for (sec = 1; sec < a->shnum; sec++) {
		if (!is_unknown_table(a, pa, sec))
			continue;
		other = section_named(b, a->sections[sec].name);
		if (!other) {
			name_functions(s, sec, differ, ctx);
			continue;
		}
		if (!patched)
			continue;	/* compared from the patched side */
		compare_begin(c);
		same = same_bytes(c, &(struct span){ sec, 0, a->sections[sec].size },
				  &(struct span){ other, 0, b->sections[other].size }, 0);
		if (same < 0)
			return -1;
		if (!same)
			name_functions(s, sec, differ, ctx);
	}
	return 0;
}

int unknown_tables_differ(struct comparison *c, differ_fn differ, void *ctx)
{
	struct places in, orig;
	int ret = -1;

	memset(&in, 0, sizeof(in));
	memset(&orig, 0, sizeof(orig));
	if (!places_build(&in, c->in.cf) && !places_build(&orig, c->orig.cf) &&
	    !compare_side(c, 1, &in, differ, ctx) &&
	    !compare_side(c, 0, &orig, differ, ctx))
		ret = 0;
	places_free(&in);
	places_free(&orig);
	return ret;
}
