// SPDX-License-Identifier: GPL-2.0
/*
 * Changed functions, found the way kpatch's create-diff-object and
 * objtool's klp diff find them: each function of the patched object
 * against its namesake in the original, code and relocations.
 *
 * Bytes are compared except where a relocation patches them: REL keeps
 * its addend there, and a section-relative addend moves with whatever
 * precedes the target. Relocations are compared by offset in the
 * function, type, and what they name, said so that it means the same in
 * both compilations:
 *
 *  - a symbol with a name: that name, and the addend;
 *  - a section symbol + addend: the named symbol holding the target and
 *    the offset inside it (a static function or variable), or, where no
 *    name covers the target (a string literal, a switch table), those
 *    bytes and their relocations, compared the same way: their offsets
 *    shift as soon as a string before them changes.
 *
 * Some names are counters, which move when something is added before
 * them. Entry symbols' (%=, \@) are no names here: code that jumps into
 * an entry is compared by the entry's bytes. gcc numbers function-local
 * statics across the file (offsets.39, __already_done.2): those are
 * compared by their names without the numbers, as kpatch does, and by
 * their bytes. Entries are not compared otherwise: they come along with
 * their functions.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../elf/diagnostics.h"
#include "../elf/input.h"
#include "../elf/reloc_types.h"
#include "../verify/policy.h"
#include "changed.h"
#include "places.h"
#include "roots.h"

/*
 * Unnamed bytes may point at more unnamed bytes. The comparison goes that
 * deep and compares that many spans per function, and calls the function
 * changed beyond: too much is safe in a livepatch, too little is not.
 */
#define MAX_DEPTH	8
#define MAX_SPANS	4096

struct span {
	uint32_t sec;
	uint64_t start, end;
};

enum referent_kind {
	REF_NOWHERE,	/* no section, or outside it: the addend alone */
	REF_NAME,	/* the relocation's symbol, by name */
	REF_INSIDE,	/* inside a named symbol: its name */
	REF_NUMBERED,	/* inside a numbered static: its name and bytes */
	REF_BYTES,	/* inside bytes no name covers: those bytes */
};

/* What a relocation names, as both compilations can agree on it. */
struct referent {
	enum referent_kind kind;
	const char *name;
	int64_t delta;		/* the addend, or the offset from the start */
	struct span bytes;
};

struct function_name {
	const char *name;
	uint32_t sym;
};

/* One of the two objects. */
struct side {
	const struct elf_view *v;
	struct places names;
	struct reloc_cache relocs;
	struct function_name *funcs;	/* by name, then symbol */
	uint64_t nfuncs;
};

struct comparison {
	struct side in, orig;
	unsigned int spans;	/* compared for the current function */
	/* The spans being compared, outermost first: a cycle ends there. */
	struct span open[2][MAX_DEPTH + 1];
};

enum status { SAME, CHANGED, NEW };

static int by_name(const void *a, const void *b)
{
	const struct function_name *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->sym > y->sym) - (x->sym < y->sym);
}

static int side_open(struct side *s, const struct elf_view *v)
{
	struct function_index fi;
	uint64_t k;

	memset(s, 0, sizeof(*s));
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

static void side_close(struct side *s)
{
	reloc_cache_free(&s->relocs);
	free(s->funcs);
	places_free(&s->names);
}

/* gcc's function-local statics: local data whose name holds ".N". */
static int is_numbered(const struct elf_symbol *s)
{
	const char *dot = s->name;

	if (s->bind != STB_LOCAL || s->type == STT_FUNC ||
	    s->shndx == SHN_UNDEF)
		return 0;
	while ((dot = strchr(dot, '.')) && !isdigit((unsigned char)*++dot))
		;
	return !!dot;
}

/* Two names the same but for the numbers after their dots. */
static int same_unnumbered(const char *a, const char *b)
{
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
static struct referent by_symbol(struct referent r,
				 const struct elf_symbol *sym,
				 enum referent_kind kind)
{
	r.name = sym->name;
	r.bytes = (struct span){ sym->shndx, sym->value,
				 sym->value + sym->size };
	if (has_reserved_prefix(sym->name))
		r.kind = REF_BYTES;
	else if (is_numbered(sym))
		r.kind = REF_NUMBERED;
	else
		r.kind = kind;
	return r;
}

static struct referent referent(const struct side *s, uint32_t from,
				const struct elf_reloc *rel)
{
	const struct elf_view *v = s->v;
	struct referent r = { REF_NOWHERE, "", rel->addend, { 0, 0, 0 } };
	struct elf_symbol sym;
	struct target t;
	struct place pl;

	if (rel->sym && rel->sym < v->nsyms) {
		sym = elf_sym(v, rel->sym);
		if (is_name(v, &sym) && !has_reserved_prefix(sym.name))
			return by_symbol(r, &sym, REF_NAME);
	}
	t = reloc_target(v, &v->sections[from], rel);
	pl = locate_named(v, &s->names, t.sec, t.offset);
	if (pl.kind == PLACE_SYMBOL) {
		sym = elf_sym(v, pl.sym);
		r.delta = t.offset - sym.value;
		return by_symbol(r, &sym, REF_INSIDE);
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

static int same_bytes(struct comparison *c, const struct span *a,
		      const struct span *b, int depth);

/* 1 when two referents agree, 0 when not, -1 when out of memory. */
static int same_referent(struct comparison *c, const struct referent *a,
			 const struct referent *b, int depth)
{
	const uint64_t kind = SHF_WRITE | SHF_EXECINSTR;

	if (a->kind != b->kind || a->delta != b->delta)
		return 0;
	if (a->kind == REF_NUMBERED && !same_unnumbered(a->name, b->name))
		return 0;
	switch (a->kind) {
	case REF_NAME:
	case REF_INSIDE:
		return !strcmp(a->name, b->name);
	case REF_NUMBERED:
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

/*
 * Two spans of bytes, a in the patched object and b in the original: the
 * same bytes outside their relocations, and relocations at the same
 * offsets, of the same types, naming the same things. 1, 0, or -1 when
 * out of memory.
 */
static int same_bytes(struct comparison *c, const struct span *a,
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

static int same_function(struct comparison *c, uint32_t in, uint32_t orig)
{
	const struct elf_symbol a = elf_sym(c->in.v, in);
	const struct elf_symbol b = elf_sym(c->orig.v, orig);
	struct span sa = { a.shndx, a.value, a.value + a.size };
	struct span sb = { b.shndx, b.value, b.value + b.size };

	if (a.size != b.size || sa.end < sa.start || sb.end < sb.start)
		return 0;
	c->spans = 0;
	return same_bytes(c, &sa, &sb, 0);
}

/* How many functions from k on share k's name. */
static uint64_t namesakes(const struct side *s, uint64_t k)
{
	uint64_t n = 1;

	while (k + n < s->nfuncs &&
	       !strcmp(s->funcs[k].name, s->funcs[k + n].name))
		n++;
	return n;
}

/* The first function of in named by len bytes of name, or -1. */
static int64_t find_function(const struct side *s, const char *name,
			     size_t len)
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

/*
 * A cold part that differs makes its function differ, when the patched
 * object has that function; status[] of the cold part then says SAME: it
 * goes with its function. 0 when it has no function to go with.
 */
static int to_function(const struct side *in, unsigned char *status,
		       const char *cold)
{
	size_t len = cold_base(cold);
	int64_t owner = len ? find_function(in, cold, len) : -1;

	if (owner < 0)
		return 0;
	if (status[owner] == SAME)
		status[owner] = CHANGED;
	return 1;
}

static void gone(struct comparison *c, unsigned char *status, const char *name)
{
	if (!to_function(&c->in, status, name))
		report_warning(c->orig.v, NULL, 0,
			       "%s is not in %s: a livepatch cannot remove a function",
			       name, c->in.v->path);
}

/* The status of each name of in (at its first function), by name order. */
static int compare_all(struct comparison *c, unsigned char *status)
{
	const struct side *a = &c->in, *b = &c->orig;
	uint64_t i = 0, j = 0;

	while (i < a->nfuncs || j < b->nfuncs) {
		uint64_t ni = i < a->nfuncs ? namesakes(a, i) : 0;
		uint64_t nj = j < b->nfuncs ? namesakes(b, j) : 0;
		int order = !ni ? 1 : !nj ? -1 :
			    strcmp(a->funcs[i].name, b->funcs[j].name);
		int same = 0;

		if (order < 0) {
			status[i] = NEW;
		} else if (order > 0) {
			gone(c, status, b->funcs[j].name);
		} else {
			/* ld -r repeats locals: several namesakes, no telling. */
			if (ni == 1 && nj == 1)
				same = same_function(c, a->funcs[i].sym,
						     b->funcs[j].sym);
			if (same < 0)
				return -1;
			status[i] = same ? SAME : CHANGED;
		}
		i += order <= 0 ? ni : 0;
		j += order >= 0 ? nj : 0;
	}
	/* A name sorts before its cold parts: its own status is known. */
	for (i = 0; i < a->nfuncs; i++)
		if (status[i] != SAME && to_function(a, status, a->funcs[i].name))
			status[i] = SAME;
	return 0;
}

static void print_names(const char *path, const char *what,
			const struct name_list *l)
{
	size_t k;

	if (!l->n)
		return;
	report_clean(stdout, path);
	printf(": %s: ", what);
	for (k = 0; k < l->n; k++) {
		fputs(k ? ", " : "", stdout);
		report_clean(stdout, l->names[k]);
	}
	putchar('\n');
}

static int collect(const struct side *in, const unsigned char *status,
		   struct name_list *functions)
{
	struct name_list changed = { 0 }, added = { 0 };
	uint64_t k;
	size_t n;
	int ret = -1;

	for (k = 0; k < in->nfuncs; k += namesakes(in, k))
		if ((status[k] == CHANGED && add_name(&changed, in->funcs[k].name)) ||
		    (status[k] == NEW && add_name(&added, in->funcs[k].name)))
			goto out;
	print_names(in->v->path, "changed", &changed);
	print_names(in->v->path, "new", &added);
	for (n = 0; n < changed.n; n++)
		if (add_name(functions, changed.names[n]))
			goto out;
	for (n = 0; n < added.n; n++)
		if (add_name(functions, added.names[n]))
			goto out;
	ret = 0;
out:
	free(changed.names);
	free(added.names);
	return ret;
}

static int compare(const struct elf_view *in, const struct elf_view *orig,
		   struct name_list *functions)
{
	struct comparison c = { 0 };
	unsigned char *status = NULL;
	int ret = -1;

	if (side_open(&c.in, in) || side_open(&c.orig, orig))
		goto out;
	status = calloc(c.in.nfuncs + 1, 1);
	if (status && !compare_all(&c, status))
		ret = collect(&c.in, status, functions);
out:
	free(status);
	side_close(&c.in);
	side_close(&c.orig);
	return ret;
}

/* ORIG: a relocatable object of the patched one's class and machine. */
static int is_counterpart(const struct elf_view *in, const struct elf_view *orig)
{
	if (!orig->is_relocatable) {
		report_unusable(orig->path,
				"not a relocatable object: functions are compared in ET_REL files");
		return 0;
	}
	if (orig->is64 != in->is64 || orig->machine != in->machine) {
		report_unusable(orig->path,
				"ELF%d for machine %u, but %s is ELF%d for machine %u: not the same source compiled without the patch",
				orig->is64 ? 64 : 32, orig->machine, in->path,
				in->is64 ? 64 : 32, in->machine);
		return 0;
	}
	return 1;
}

enum verdict find_changed(const struct elf_view *in, const char *orig_path,
			  struct name_list *functions)
{
	struct elf_view orig;
	enum verdict verdict = VERDICT_UNUSABLE;
	struct stat st;
	void *image = map_input(orig_path, &st);

	if (!image)
		return VERDICT_UNUSABLE;
	if (elf_view_open(&orig, orig_path, image, st.st_size)) {
		report_unusable(orig_path, "%s%s",
				orig.out_of_memory ? "" : "malformed ELF: ",
				orig.error);
		munmap(image, st.st_size);
		return VERDICT_UNUSABLE;
	}
	if (is_counterpart(in, &orig)) {
		if (compare(in, &orig, functions))
			report_unusable(in->path, "out of memory");
		else
			verdict = VERDICT_CLEAN;
	}
	elf_view_close(&orig);
	munmap(image, st.st_size);
	return verdict;
}
