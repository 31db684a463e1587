// SPDX-License-Identifier: GPL-2.0
/*
 * Bytes of the patched object against bytes of the original, the way
 * kpatch's create-diff-object and objtool's klp diff compare functions.
 *
 * Bytes are compared except where a relocation patches them: REL keeps
 * its addend there, and a section-relative addend moves with whatever
 * precedes the target. Relocations are compared by offset, type, and what
 * they name, said so that it means the same in both compilations:
 *
 *  - a symbol with a name: that name, and the addend;
 *  - a section symbol + addend: the named symbol holding the target and
 *    the offset inside it (a static function or variable), or, where no
 *    name covers the target (a string literal, a switch table), those
 *    bytes and their relocations, compared the same way: their offsets
 *    shift as soon as a string before them changes.
 *
 * Some names are counters, which move when something is added before
 * them. Entry symbols' (%=, \@) are no names here: an entry is compared
 * by its bytes. gcc numbers function-local statics across the file
 * (offsets.39, __already_done.2), and __UNIQUE_ID() numbers what the
 * kernel's macros make (a module alias, __UNIQUE_ID_alias12): a read-only
 * one is a constant of the code that uses it, compared by its name
 * without the numbers and its bytes; one that holds state is the static
 * the pairing (pairing.c) found for it in the original, or none.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../elf/reloc_types.h"
#include "../verify/policy.h"
#include "compare.h"
#include "duplicable.h"
#include "places.h"

static int by_name(const void *a, const void *b)
{
	const struct function_name *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->sym > y->sym) - (x->sym < y->sym);
}

int side_open(struct side *s, const struct checked_file *cf)
{
	const struct elf_view *v = &cf->view;
	struct function_index fi;
	uint64_t k;

	memset(s, 0, sizeof(*s));
	s->cf = cf;
	s->v = v;
	if (function_index_build(&fi, v))
		return -1;
	s->nfuncs = fi.first[v->shnum];
	s->funcs = malloc((s->nfuncs + 1) * sizeof(*s->funcs));
	if (!s->funcs || reloc_cache_init(&s->relocs, v) ||
	    places_build_names(&s->names, v)) {
		function_index_free(&fi);
		return -1;
	}
	for (k = 0; k < s->nfuncs; k++)
		s->funcs[k] = (struct function_name){
			elf_sym(v, fi.funcs[k]).name, fi.funcs[k] };
	function_index_free(&fi);
	qsort(s->funcs, s->nfuncs, sizeof(*s->funcs), by_name);
	return 0;
}

void side_close(struct side *s)
{
	reloc_cache_free(&s->relocs);
	free(s->funcs);
	places_free(&s->names);
}

uint64_t namesakes(const struct side *s, uint64_t k)
{
	uint64_t n = 1;

	while (k + n < s->nfuncs &&
	       !strcmp(s->funcs[k].name, s->funcs[k + n].name))
		n++;
	return n;
}

int merge_names(const struct side *a, const struct side *b,
		int (*each)(void *ctx, uint64_t i, uint64_t ni, uint64_t j,
			    uint64_t nj),
		void *ctx)
{
	uint64_t i = 0, j = 0;
	int ret;

	while (i < a->nfuncs || j < b->nfuncs) {
		uint64_t ni = i < a->nfuncs ? namesakes(a, i) : 0;
		uint64_t nj = j < b->nfuncs ? namesakes(b, j) : 0;
		int order = !ni ? 1 : !nj ? -1 :
			    strcmp(a->funcs[i].name, b->funcs[j].name);

		ret = each(ctx, i, order <= 0 ? ni : 0, j, order >= 0 ? nj : 0);
		if (ret)
			return ret;
		i += order <= 0 ? ni : 0;
		j += order >= 0 ? nj : 0;
	}
	return 0;
}

int64_t find_function(const struct side *s, const char *name, size_t len)
{
	uint64_t lo = 0, hi = s->nfuncs;

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		const char *at = s->funcs[mid].name;
		int c = strncmp(at, name, len);

		if (!c && at[len])
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->nfuncs && !strncmp(s->funcs[lo].name, name, len) &&
	    !s->funcs[lo].name[len])
		return lo;
	return -1;
}

/* The kernel's __UNIQUE_ID(name): __UNIQUE_ID_name and __COUNTER__. */
#define UNIQUE_ID	"__UNIQUE_ID_"

static int is_unique_id(const char *name)
{
	size_t n = strlen(name);

	return !strncmp(name, UNIQUE_ID, strlen(UNIQUE_ID)) && n &&
	       isdigit((unsigned char)name[n - 1]);
}

int is_numbered(const struct elf_symbol *s)
{
	const char *dot = s->name;

	if (s->bind != STB_LOCAL || s->type == STT_FUNC ||
	    s->shndx == SHN_UNDEF)
		return 0;
	if (is_unique_id(s->name))
		return 1;
	while ((dot = strchr(dot, '.')) && !isdigit((unsigned char)*++dot))
		;
	return !!dot;
}

int holds_state(const struct elf_view *v, const struct elf_symbol *s)
{
	const struct elf_section *sec;

	if (s->shndx == SHN_UNDEF || s->shndx >= v->shnum)
		return 0;
	sec = &v->sections[s->shndx];
	return ((sec->flags & SHF_WRITE) || sec->type == SHT_NOBITS) &&
	       !is_duplicable(s->name);
}

/*
 * Two names the same but for the numbers after their dots, or at the end
 * of an __UNIQUE_ID_.
 */
static int same_unnumbered(const char *a, const char *b)
{
	if (is_unique_id(a) && is_unique_id(b)) {
		size_t na = strlen(a), nb = strlen(b);

		while (na && isdigit((unsigned char)a[na - 1]))
			na--;
		while (nb && isdigit((unsigned char)b[nb - 1]))
			nb--;
		return na == nb && !strncmp(a, b, na);
	}
	for (; *a == *b; a++, b++) {
		if (!*a)
			return 1;
		if (*a == '.' && isdigit((unsigned char)a[1])) {
			if (!isdigit((unsigned char)b[1]))
				return 0;
			a += strspn(a + 1, "0123456789");
			b += strspn(b + 1, "0123456789");
		}
	}
	return 0;
}

/* A symbol the relocation names or the target lies in, delta set. */
static struct referent by_symbol(const struct elf_view *v, struct referent r,
				 uint32_t index, enum referent_kind kind)
{
	const struct elf_symbol sym = elf_sym(v, index);

	r.name = sym.name;
	r.bytes = (struct span){ sym.shndx, sym.value, sym.value + sym.size };
	if (has_reserved_prefix(sym.name)) {
		r.kind = REF_BYTES;
	} else if (is_numbered(&sym) && holds_state(v, &sym)) {
		r.kind = REF_STATIC;
		r.sym = index;
	} else if (is_numbered(&sym)) {
		r.kind = REF_NUMBERED;
	} else {
		r.kind = kind;
	}
	return r;
}

struct referent referent(const struct side *s, uint32_t from,
			 const struct elf_reloc *rel)
{
	const struct elf_view *v = s->v;
	struct referent r = { REF_NOWHERE, "", 0, rel->addend, { 0, 0, 0 } };
	struct elf_symbol sym;
	struct target t;
	struct place pl;

	if (rel->sym && rel->sym < v->nsyms) {
		sym = elf_sym(v, rel->sym);
		if (is_name(v, &sym) && !has_reserved_prefix(sym.name))
			return by_symbol(v, r, rel->sym, REF_NAME);
	}
	t = reloc_target(v, &v->sections[from], rel);
	pl = locate_named(v, &s->names, t.sec, t.offset);
	if (pl.kind == PLACE_SYMBOL) {
		sym = elf_sym(v, pl.sym);
		r.delta = t.offset - sym.value;
		return by_symbol(v, r, pl.sym, REF_INSIDE);
	}
	if (pl.kind == PLACE_RUN) {
		r.kind = REF_BYTES;
		r.delta = t.offset - pl.start;
		r.bytes = (struct span){ pl.sec, pl.start, pl.end };
	}
	return r;
}

static int is_zero(const unsigned char *p, uint64_t n)
{
	return !n || (!p[0] && !memcmp(p, p + 1, n - 1));
}

/* n bytes of two sections; SHT_NOBITS has none in the file: zeros. */
static int same_data(const struct elf_section *a, uint64_t at,
		     const struct elf_section *b, uint64_t bt, uint64_t n)
{
	if (a->data && b->data)
		return !memcmp(a->data + at, b->data + bt, n);
	if (a->data)
		return is_zero(a->data + at, n);
	return !b->data || is_zero(b->data + bt, n);
}

static int within(const struct elf_view *v, const struct span *s)
{
	return s->sec != SHN_UNDEF && s->sec < v->shnum &&
	       s->start <= s->end && s->end <= v->sections[s->sec].size;
}

/* 1 when two referents agree, 0 when not, -1 when out of memory. */
static int same_referent(struct comparison *c, const struct referent *a,
			 const struct referent *b, int depth)
{
	const uint64_t kind = SHF_WRITE | SHF_EXECINSTR;

	if (a->kind != b->kind || a->delta != b->delta)
		return 0;
	switch (a->kind) {
	case REF_NAME:
	case REF_INSIDE:
		return !strcmp(a->name, b->name);
	case REF_STATIC:
		return c->pair && c->pair[a->sym] == b->sym;
	case REF_NUMBERED:
		if (!same_unnumbered(a->name, b->name))
			return 0;
		/* fall through */
	case REF_BYTES:
		if ((c->in.v->sections[a->bytes.sec].flags & kind) !=
		    (c->orig.v->sections[b->bytes.sec].flags & kind))
			return 0;
		return same_bytes(c, &a->bytes, &b->bytes, depth + 1);
	default:
		return 1;
	}
}

static int same_span(const struct span *a, const struct span *b)
{
	return a->sec == b->sec && a->start == b->start && a->end == b->end;
}

int same_bytes(struct comparison *c, const struct span *a,
	       const struct span *b, int depth)
{
	const struct elf_view *va = c->in.v, *vb = c->orig.v;
	const struct section_relocs *ra, *rb;
	uint64_t len = a->end - a->start, done = 0, i, j;
	int k;

	/* Being compared already (a static pointing at itself): same so far. */
	for (k = 0; k < depth && k <= MAX_DEPTH; k++)
		if (same_span(&c->open[0][k], a) && same_span(&c->open[1][k], b))
			return 1;
	if (depth > MAX_DEPTH || ++c->spans > MAX_SPANS || !within(va, a) ||
	    !within(vb, b) || b->end - b->start != len)
		return 0;
	c->open[0][depth] = *a;
	c->open[1][depth] = *b;
	ra = reloc_cache_get(&c->in.relocs, a->sec);
	rb = reloc_cache_get(&c->orig.relocs, b->sec);
	if (!ra || !rb)
		return -1;
	i = section_reloc_first(ra, a->start);
	j = section_reloc_first(rb, b->start);
	for (;; i++, j++) {
		int more = i < ra->count && ra->items[i].offset < a->end;
		struct elf_reloc x, y;
		struct referent rx, ry;
		uint64_t at;
		int width, same;

		if (more != (j < rb->count && rb->items[j].offset < b->end))
			return 0;
		if (!more)
			break;
		at = ra->items[i].offset - a->start;
		if (at != rb->items[j].offset - b->start)
			return 0;
		elf_reloc_read(va, &va->sections[ra->items[i].relsec],
			       ra->items[i].index, &x);
		elf_reloc_read(vb, &vb->sections[rb->items[j].relsec],
			       rb->items[j].index, &y);
		width = reloc_width(va->machine, x.type);
		if (x.type != y.type || width < 0)
			return 0;
		if (at > done && !same_data(&va->sections[a->sec], a->start + done,
					    &vb->sections[b->sec], b->start + done,
					    at - done))
			return 0;
		if (at + width > done)
			done = at + width < len ? at + width : len;
		rx = referent(&c->in, a->sec, &x);
		ry = referent(&c->orig, b->sec, &y);
		same = same_referent(c, &rx, &ry, depth);
		if (same <= 0)
			return same;
	}
	return done >= len ||
	       same_data(&va->sections[a->sec], a->start + done,
			 &vb->sections[b->sec], b->start + done, len - done);
}

int same_symbol(struct comparison *c, uint32_t in, uint32_t orig)
{
	const struct elf_symbol a = elf_sym(c->in.v, in);
	const struct elf_symbol b = elf_sym(c->orig.v, orig);
	struct span sa = { a.shndx, a.value, a.value + a.size };
	struct span sb = { b.shndx, b.value, b.value + b.size };

	if (a.size != b.size || sa.end < sa.start || sb.end < sb.start)
		return 0;
	return same_bytes(c, &sa, &sb, 0);
}
