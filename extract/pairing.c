// SPDX-License-Identifier: GPL-2.0
/*
 * Pairing statics by use. gcc names a function-local static NAME.N, N
 * counting through the file: a new function with a static "count" placed
 * before f() renumbers f()'s, and the original's count.0 may be the
 * patched object's count.1 while the patched count.0 is new. What does
 * not move is the use: f() refers to its statics in both objects, and
 * its k-th static called "count" is the same variable in both.
 */
#include <stdlib.h>
#include <string.h>

#include "../elf/grow.h"
#include "duplicable.h"
#include "pairing.h"

/* The statics a function refers to, each once, in the order of first use. */
struct uses {
	uint32_t *syms;
	uint64_t n, cap;
};

static int add_use(struct uses *u, uint32_t sym)
{
	uint64_t k;

	for (k = 0; k < u->n; k++)
		if (u->syms[k] == sym)
			return 0;
	if (grow_array(&u->syms, &u->cap, u->n + 1, sizeof(*u->syms)))
		return -1;
	u->syms[u->n++] = sym;
	return 0;
}

static int collect_uses(struct side *s, uint32_t func, struct uses *u)
{
	const struct elf_view *v = s->v;
	const struct elf_symbol f = elf_sym(v, func);
	const struct section_relocs *relocs;
	uint64_t k;

	u->n = 0;
	if (f.shndx == SHN_UNDEF || f.shndx >= v->shnum)
		return 0;
	relocs = reloc_cache_get(&s->relocs, f.shndx);
	if (!relocs)
		return -1;
	for (k = section_reloc_first(relocs, f.value);
	     k < relocs->count && relocs->items[k].offset - f.value < f.size; k++) {
		struct elf_reloc rel;
		struct referent r;

		elf_reloc_read(v, &v->sections[relocs->items[k].relsec],
			       relocs->items[k].index, &rel);
		r = referent(s, f.shndx, &rel);
		if (r.kind == REF_STATIC && add_use(u, r.sym))
			return -1;
	}
	return 0;
}

static int same_base(const struct elf_view *a, uint32_t x,
		     const struct elf_view *b, uint32_t y)
{
	const char *bx, *by;
	size_t lx = static_base(elf_sym(a, x).name, &bx);
	size_t ly = static_base(elf_sym(b, y).name, &by);

	return lx == ly && !memcmp(bx, by, lx);
}

/* How many of the first k uses have the same base as use k. */
static uint64_t rank(const struct elf_view *v, const struct uses *u, uint64_t k)
{
	uint64_t r = 0, i;

	for (i = 0; i < k; i++)
		r += same_base(v, u->syms[i], v, u->syms[k]);
	return r;
}

static void pair_one(struct comparison *c, uint32_t *back,
		     unsigned char *conflict, uint32_t in, uint32_t orig)
{
	if (conflict[in])
		return;
	if ((c->pair[in] && c->pair[in] != orig) || (back[orig] && back[orig] != in)) {
		conflict[in] = 1;
		if (back[orig])
			conflict[back[orig]] = 1;
		return;
	}
	c->pair[in] = orig;
	back[orig] = in;
}

/* Pair the uses of one function in both objects. */
static void pair_uses(struct comparison *c, uint32_t *back,
		      unsigned char *conflict, const struct uses *a,
		      const struct uses *b)
{
	const struct elf_view *va = c->in.v, *vb = c->orig.v;
	uint64_t i, j;

	for (i = 0; i < a->n; i++) {
		uint64_t want = rank(va, a, i), seen = 0;

		for (j = 0; j < b->n; j++) {
			if (!same_base(va, a->syms[i], vb, b->syms[j]))
				continue;
			if (seen++ == want) {
				pair_one(c, back, conflict, a->syms[i], b->syms[j]);
				break;
			}
		}
	}
}

struct pairing {
	struct comparison *c;
	unsigned char *conflict;
	uint32_t *back;		/* per original symbol: its patched pair */
	struct uses a, b;
};

static int pair_name(void *ctx, uint64_t i, uint64_t ni, uint64_t j,
		     uint64_t nj)
{
	struct pairing *p = ctx;

	/* ld -r repeats locals: several namesakes, no telling. */
	if (ni != 1 || nj != 1)
		return 0;
	if (collect_uses(&p->c->in, p->c->in.funcs[i].sym, &p->a) ||
	    collect_uses(&p->c->orig, p->c->orig.funcs[j].sym, &p->b))
		return -1;
	pair_uses(p->c, p->back, p->conflict, &p->a, &p->b);
	return 0;
}

int pair_statics(struct comparison *c, unsigned char *conflict)
{
	struct pairing p = { c, conflict, NULL, { 0 }, { 0 } };
	uint32_t k;
	int ret = -1;

	p.back = calloc(c->orig.v->nsyms + 1, sizeof(*p.back));
	if (p.back && !merge_names(&c->in, &c->orig, pair_name, &p)) {
		for (k = 0; k < c->in.v->nsyms; k++)
			if (conflict[k])
				c->pair[k] = 0;
		ret = 0;
	}
	free(p.a.syms);
	free(p.b.syms);
	free(p.back);
	return ret;
}
