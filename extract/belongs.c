// SPDX-License-Identifier: GPL-2.0
/*
 * A function is its code and its entries. Swapping an alternative's
 * replacement, its feature bit or a jump label's key changes entries
 * only; the function's bytes and relocations stay the same. The walk
 * that extraction uses tells which entries are the function's - those
 * its code points at, those that describe it, and theirs in turn - from
 * the entry symbols alone; the entries are then compared as any bytes
 * are, in the order they have in their sections.
 */
#include <stdlib.h>
#include <string.h>

#include "belongs.h"
#include "pieces.h"
#include "roots.h"
#include "walk.h"

int belonging_open(struct belonging *b, const struct checked_file *cf)
{
	memset(b, 0, sizeof(*b));
	b->x.in = cf;
	b->x.v = &cf->view;
	b->x.rela = elf_uses_rela(&cf->view);
	if (places_build(&b->x.places, cf) || pieces_init(&b->x))
		return -1;
	b->x.is_root = calloc(cf->view.nsyms + 1, 1);
	if (!b->x.is_root)
		return -1;
	b->walk = walk_new(&b->x);
	return b->walk ? 0 : -1;
}

void belonging_close(struct belonging *b)
{
	walk_free(b->walk);
	pieces_free(&b->x);
	places_free(&b->x.places);
	free(b->x.is_root);
	memset(b, 0, sizeof(*b));
}

/* Function func's section and its cold parts' (FUNC.cold, FUNC.cold.N). */
static int take_function(struct belonging *b, const struct side *s,
			 uint32_t func)
{
	const char *name = elf_sym(s->v, func).name;
	size_t len = strlen(name);
	uint64_t lo = 0, hi = s->nfuncs;

	if (take_whole(&b->x, elf_sym(s->v, func).shndx))
		return -1;
	/* Names that start with NAME.cold sort together, from the first of them. */
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		const char *at = s->funcs[mid].name;
		int c = strncmp(at, name, len);

		if (!c)
			c = strncmp(at + len, ".cold", 5);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->nfuncs; lo++) {
		const char *at = s->funcs[lo].name;

		if (strncmp(at, name, len) || strncmp(at + len, ".cold", 5))
			break;
		if (cold_base(at) == len &&
		    take_whole(&b->x, elf_sym(s->v, s->funcs[lo].sym).shndx))
			return -1;
	}
	return 0;
}

struct taken_unit {
	const char *section;
	struct span span;
};

static int by_section_name(const void *a, const void *b)
{
	const struct taken_unit *x = a, *y = b;
	int c = strcmp(x->section, y->section);

	if (c)
		return c;
	return (x->span.start > y->span.start) - (x->span.start < y->span.start);
}

/* The units the walk took from function func, by section name and offset. */
static struct taken_unit *units_of(struct belonging *b, const struct side *s,
				   uint32_t func, uint64_t *n)
{
	struct taken_unit *u;
	uint64_t i;

	*n = 0;
	walk_forget(b->walk);
	if (take_function(b, s, func) || walk_run(b->walk))
		return NULL;
	u = malloc((b->x.npieces + 1) * sizeof(*u));
	if (!u)
		return NULL;
	for (i = 0; i < b->x.npieces; i++) {
		const struct piece *p = &b->x.pieces[i];

		if (p->unit)
			u[(*n)++] = (struct taken_unit){
				s->v->sections[p->sec].name,
				{ p->sec, p->start, p->end } };
	}
	qsort(u, *n, sizeof(*u), by_section_name);
	return u;
}

int same_entries(struct comparison *c, struct belonging *in_b,
		 struct belonging *orig_b, uint32_t in, uint32_t orig)
{
	struct taken_unit *a, *b = NULL;
	uint64_t na, nb, k;
	int same = -1;

	a = units_of(in_b, &c->in, in, &na);
	if (a)
		b = units_of(orig_b, &c->orig, orig, &nb);
	if (!a || !b)
		goto out;
	same = na == nb;
	for (k = 0; k < na && same > 0; k++) {
		if (strcmp(a[k].section, b[k].section)) {
			same = 0;
			break;
		}
		compare_begin(c);
		same = same_bytes(c, &a[k].span, &b[k].span, 0);
	}
out:
	free(a);
	free(b);
	return same;
}
