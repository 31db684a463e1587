// SPDX-License-Identifier: GPL-2.0
/*
 * What a patch changed, decided the way a livepatch needs it, as kpatch's
 * create-diff-object and objtool's klp diff decide:
 *
 *  - a function both objects have is changed when its code or its
 *    entries differ (compare.c, belongs.c); livepatch redirects it, so it
 *    must have an ftrace entry call and live outside init and exit code;
 *  - a changed function without an ftrace entry call is carried as new
 *    code instead, and its callers are patched, whose copies call the
 *    copy: when every way into it is a direct call from a function the
 *    patch can patch in turn (one without an entry call is carried the
 *    same way), so that nothing of the running kernel reaches the
 *    original once they are redirected;
 *  - a function only the patched object has is new: it comes along where
 *    the patched code calls it, and always when it is global, for other
 *    objects of the patch may call it;
 *  - a data object both have is the running kernel's: the module refers
 *    to it, by the original's name when gcc renumbered it (pairing.c),
 *    and a changed size or initial value is refused, for the running
 *    variable keeps its own; read-only statics gcc numbers are constants
 *    of their code and come along with it, and so do the per-call-site
 *    statics of duplicable.c;
 *  - a data object only the patched object has is new, and comes along
 *    as a new function does.
 *
 * Refusals are printed one per line, "IN: KIND: NAME: why".
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../elf/diagnostics.h"
#include "../elf/grow.h"
#include "../elf/input.h"
#include "../verify/policy.h"
#include "belongs.h"
#include "changed.h"
#include "compare.h"
#include "duplicable.h"
#include "linked.h"
#include "pairing.h"
#include "places.h"
#include "roots.h"
#include "unknown.h"
#include "uses.h"

/* How close to a function's start its ftrace call is: after an endbr64. */
#define FTRACE_CALL_WITHIN	16
#define FTRACE_CALL		"__fentry__"

/* CARRIED: changed, but copied as new code; its callers are patched. */
enum status { SAME, CHANGED, NEW, CARRIED };

struct data_name {
	const char *name;
	uint32_t sym;
};

struct decision {
	struct comparison c;
	struct belonging in_b, orig_b;
	unsigned char *status;		/* per patched function slot */
	unsigned char *conflict;	/* per patched symbol */
	struct data_name *orig_data;	/* by name */
	uint64_t norig_data;
	struct change_set *cs;
	int refused;
	/* Changed functions without an ftrace entry call (see carry_through). */
	const struct name_list *linked;	/* the linked objects, for globals */
	struct places in_places, orig_places;
	struct uses in_uses, orig_uses;
	uint64_t *queue;		/* patched slots to carry, in turn */
	uint64_t nqueue;
	uint64_t *drawn_by;		/* per slot: the callee's slot + 1, or 0 */
	uint32_t *calls;		/* per slot: direct calls found into it */
	unsigned char *stopped;		/* per slot: a refusal said why not */
	const char **globals;		/* carried global functions */
	size_t nglobals;
	char **said;			/* refusals printed, each once */
	uint64_t nsaid, capsaid;
	int oom;			/* -1 once memory ran out */
};

static void refuse(struct decision *d, const char *kind, const char *name,
		   const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void refuse(struct decision *d, const char *kind, const char *name,
		   const char *fmt, ...)
{
	va_list ap;

	report_clean(stderr, d->c.in.v->path);
	fprintf(stderr, ": %s: ", kind);
	report_clean(stderr, name);
	fputs(": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	report_errors++;
	d->refused = 1;
}

/* ---- functions ------------------------------------------------------- */

/* 1 when the function's code and entries are the original's, 0, -1. */
static int same_function(struct decision *d, uint32_t in, uint32_t orig)
{
	int same;

	compare_begin(&d->c);
	same = same_symbol(&d->c, in, orig);
	if (same <= 0)
		return same;
	return same_entries(&d->c, &d->in_b, &d->orig_b, in, orig);
}

/*
 * A cold part that differs makes its function differ, when the patched
 * object has that function; the cold part's status then says SAME: it
 * goes with its function. 0 when it has no function to go with.
 */
static int to_function(struct decision *d, const char *cold)
{
	size_t len = cold_base(cold);
	int64_t owner = len ? find_function(&d->c.in, cold, len) : -1;

	if (owner < 0)
		return 0;
	if (d->status[owner] == SAME)
		d->status[owner] = CHANGED;
	return 1;
}

static void gone(struct decision *d, const char *name)
{
	if (!to_function(d, name))
		report_warning(d->c.orig.v, NULL, 0,
			       "%s is not in %s: a livepatch cannot remove a function",
			       name, d->c.in.v->path);
}

/* One name of either object: its status, at the patched object's slot. */
static int compare_name(void *ctx, uint64_t i, uint64_t ni, uint64_t j,
			uint64_t nj)
{
	struct decision *d = ctx;
	int same = 0;

	if (!nj) {
		d->status[i] = NEW;
	} else if (!ni) {
		gone(d, d->c.orig.funcs[j].name);
	} else {
		/* ld -r repeats locals: several namesakes, no telling. */
		if (ni == 1 && nj == 1)
			same = same_function(d, d->c.in.funcs[i].sym,
					     d->c.orig.funcs[j].sym);
		if (same < 0)
			return -1;
		d->status[i] = same ? SAME : CHANGED;
	}
	return 0;
}

/* The status of each name of the patched object (at its first slot). */
static int compare_functions(struct decision *d)
{
	const struct side *a = &d->c.in;
	uint64_t i;

	if (merge_names(&d->c.in, &d->c.orig, compare_name, d))
		return -1;
	/* A name sorts before its cold parts: its own status is known. */
	for (i = 0; i < a->nfuncs; i++)
		if (d->status[i] != SAME && to_function(d, a->funcs[i].name))
			d->status[i] = SAME;
	return 0;
}

static int has_ftrace_call(struct side *s, uint32_t func)
{
	const struct elf_view *v = s->v;
	const struct elf_symbol f = elf_sym(v, func);
	const struct section_relocs *relocs = reloc_cache_get(&s->relocs, f.shndx);
	uint64_t k;

	if (!relocs)
		return -1;
	for (k = section_reloc_first(relocs, f.value);
	     k < relocs->count &&
	     relocs->items[k].offset - f.value < FTRACE_CALL_WITHIN; k++) {
		struct elf_reloc rel;

		elf_reloc_read(v, &v->sections[relocs->items[k].relsec],
			       relocs->items[k].index, &rel);
		if (rel.sym && rel.sym < v->nsyms &&
		    !strcmp(elf_sym(v, rel.sym).name, FTRACE_CALL))
			return 1;
	}
	return 0;
}

/* Init and exit code is gone, or never there, when a livepatch loads. */
static const char *short_lived(const struct elf_view *v, uint32_t sym)
{
	const char *sec = v->sections[elf_sym(v, sym).shndx].name;

	if (!strncmp(sec, ".init.", 6))
		return "which the kernel frees after boot";
	if (!strncmp(sec, ".exit.", 6))
		return "which the kernel discards or runs only on unload";
	return NULL;
}

/* A changed function livepatch can redirect: 0, 1 refused, -1. */
static int check_patchable(struct decision *d, uint32_t sym)
{
	const struct elf_view *v = d->c.in.v;
	const char *name = elf_sym(v, sym).name;
	const char *why = short_lived(v, sym);
	int traced;

	if (why) {
		refuse(d, "cannot patch", name, "in %s, %s",
		       v->sections[elf_sym(v, sym).shndx].name, why);
		return 1;
	}
	traced = has_ftrace_call(&d->c.in, sym);
	if (traced < 0)
		return -1;
	if (!traced)
		refuse(d, "cannot patch", name,
		       "it has no ftrace entry call (notrace, noinstr or inline): livepatch cannot redirect it");
	return !traced;
}

/* NAME.part.N: gcc's split-off part of NAME, which travels with it. */
static size_t part_base(const char *name)
{
	const char *p = strstr(name, ".part.");

	return p && p > name ? (size_t)(p - name) : 0;
}

static int is_global(const struct elf_symbol *s)
{
	return s->bind == STB_GLOBAL || s->bind == STB_WEAK;
}

/* ---- changed functions livepatch cannot redirect ---------------------- */

/*
 * "cannot patch: F: it has no ftrace entry call, and WHY", each line once.
 * A function carried because it calls another that changes says which.
 */
static int cannot_reach(struct decision *d, uint64_t slot, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int cannot_reach(struct decision *d, uint64_t slot, const char *fmt, ...)
{
	const char *name = d->c.in.funcs[slot].name;
	char why[1024], line[2048];
	uint64_t k;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (d->drawn_by[slot])
		snprintf(line, sizeof(line), "%s: it has no ftrace entry call and calls %s, which changes, and %s",
			 name, d->c.in.funcs[d->drawn_by[slot] - 1].name, why);
	else
		snprintf(line, sizeof(line), "%s: it has no ftrace entry call, and %s",
			 name, why);
	d->stopped[slot] = 1;
	for (k = 0; k < d->nsaid; k++)
		if (!strcmp(d->said[k], line))
			return 0;
	if (grow_array(&d->said, &d->capsaid, d->nsaid + 1, sizeof(*d->said)))
		return d->oom = -1;
	d->said[d->nsaid] = strdup(line);
	if (!d->said[d->nsaid])
		return d->oom = -1;
	d->nsaid++;
	refuse(d, "cannot patch", name, "%s", strchr(line, ':') + 2);
	return 0;
}

/*
 * The patched object's slot for the function a use lies in (a cold
 * part's: its parent's, which it goes with); -1 when it has none, -2
 * when it has several of that name.
 */
static int64_t caller_slot(struct decision *d, const struct side *s,
			   uint32_t caller)
{
	const char *name = elf_sym(s->v, caller).name;
	size_t len = cold_base(name);
	int64_t k;

	k = find_function(&d->c.in, name, len ? len : strlen(name));
	if (k >= 0 && namesakes(&d->c.in, k) != 1)
		return -2;
	return k;
}

/* Caller j of carried function i: patched, carried in turn, or refused. */
static int patch_caller(struct decision *d, uint64_t i, uint64_t j)
{
	const struct elf_view *v = d->c.in.v;
	uint32_t sym = d->c.in.funcs[j].sym;
	const char *why;
	int traced;

	/* Changed: patched, or refused on its own; new or carried: copied. */
	if (d->status[j] != SAME)
		return 0;
	why = short_lived(v, sym);
	if (why)
		return cannot_reach(d, i, "%s, which calls it, is in %s, %s",
				    d->c.in.funcs[j].name,
				    v->sections[elf_sym(v, sym).shndx].name, why);
	traced = has_ftrace_call(&d->c.in, sym);
	if (traced < 0)
		return -1;
	if (traced) {
		d->status[j] = CHANGED;
		return 0;
	}
	d->status[j] = CARRIED;
	d->drawn_by[j] = i + 1;
	d->queue[d->nqueue++] = j;
	return 0;
}

/* One use of carried function i, found in side s. */
static int follow_use(struct decision *d, uint64_t i, const struct side *s,
		      const struct use *u)
{
	const char *section = s->v->sections[u->sec].name;
	const char *caller = u->caller ? elf_sym(s->v, u->caller).name : NULL;
	int64_t j = u->caller ? caller_slot(d, s, u->caller) : -1;

	if (u->kind == USE_OWN || (caller && j == (int64_t)i))
		return 0;
	if (u->kind == USE_ADDRESS)
		return caller ? cannot_reach(d, i, "%s takes its address", caller) :
		       cannot_reach(d, i, "its address is taken in %s", section);
	if (!caller)
		return cannot_reach(d, i, "code outside any function calls it in %s",
				    section);
	d->calls[i]++;
	if (j == -1)
		return cannot_reach(d, i, "%s calls it, which the patched object does not have",
				    caller);
	if (j < 0)
		return cannot_reach(d, i, "%s calls it, which the patched object has several of",
				    caller);
	return patch_caller(d, i, j);
}

static int follow_uses(struct decision *d, uint64_t i, const struct side *s,
		       const struct uses *uses, uint32_t sym)
{
	uint64_t n, k;
	const struct use *u = uses_of(uses, sym, &n);

	for (k = 0; k < n; k++)
		if (follow_use(d, i, s, &u[k]))
			return -1;
	return 0;
}

/*
 * Carried function i: its callers in both objects (the original's are
 * the running kernel's ways in) patched; a global one's callers in other
 * objects looked for in the linked ones, after all.
 */
static int carry_one(struct decision *d, uint64_t i)
{
	const struct function_name *f = &d->c.in.funcs[i];
	const struct elf_symbol s = elf_sym(d->c.in.v, f->sym);
	int64_t o = find_function(&d->c.orig, f->name, strlen(f->name));

	if (follow_uses(d, i, &d->c.in, &d->in_uses, f->sym))
		return -1;
	if (o >= 0 && namesakes(&d->c.orig, o) == 1 &&
	    follow_uses(d, i, &d->c.orig, &d->orig_uses, d->c.orig.funcs[o].sym))
		return -1;
	if (s.bind == STB_WEAK)
		return cannot_reach(d, i, "it is weak: another definition may be the one that runs");
	if (s.bind == STB_GLOBAL && !d->linked->n)
		return cannot_reach(d, i, "it is global: callers outside the rebuilt objects cannot be ruled out");
	if (s.bind == STB_GLOBAL) {
		d->globals[d->nglobals++] = f->name;
		return 0;
	}
	if (!d->calls[i] && !d->stopped[i])
		return cannot_reach(d, i, "nothing calls it: a copy would never run");
	return 0;
}

/*
 * Whether the original or the patched object took i's address in a
 * section of that name: the same table, most likely, already refused.
 */
static int said_taken(const struct decision *d, uint64_t i,
		      const char *section)
{
	const char *name = d->c.in.funcs[i].name;
	size_t len = strlen(name), tail_len;
	char tail[1024];
	uint64_t k;

	snprintf(tail, sizeof(tail), ", and its address is taken in %s", section);
	tail_len = strlen(tail);
	for (k = 0; k < d->nsaid; k++) {
		const char *said = d->said[k];
		size_t n = strlen(said);

		if (!strncmp(said, name, len) && said[len] == ':' &&
		    n > tail_len && !strcmp(said + n - tail_len, tail))
			return 1;
	}
	return 0;
}

static void linked_use(void *ctx, const struct linked_use *u)
{
	struct decision *d = ctx;
	int64_t i = find_function(&d->c.in, u->callee, strlen(u->callee));

	if (i < 0)
		return;
	if (u->kind == USE_CALL)
		d->calls[i]++;
	if (u->kind == USE_CALL && u->caller)
		cannot_reach(d, i, "%s in %s (not rebuilt) calls it", u->caller,
			     u->where);
	else if (u->kind == USE_CALL)
		cannot_reach(d, i, "code outside any function of %s calls it in %s",
			     u->where, u->section);
	else if (u->caller)
		cannot_reach(d, i, "%s in %s (not rebuilt) takes its address",
			     u->caller, u->where);
	else if (u->holder)
		cannot_reach(d, i, "%s in %s (not rebuilt) holds its address, in %s",
			     u->holder, u->where, u->section);
	else if (!said_taken(d, i, u->section))
		cannot_reach(d, i, "its address is taken in %s of %s", u->section,
			     u->where);
}

static void linked_unknown(void *ctx, const char *name)
{
	struct decision *d = ctx;
	int64_t i = find_function(&d->c.in, name, strlen(name));

	if (i >= 0)
		cannot_reach(d, i, "it is global, and not one linked object defines it: its callers cannot be found");
}

/* The carried global functions' callers in the other linked objects. */
static int check_globals(struct decision *d)
{
	struct linked_answer a = { linked_use, linked_unknown, d };
	size_t k;
	int ret;

	if (!d->nglobals)
		return 0;
	ret = linked_uses(d->linked, &d->c.orig, d->globals, d->nglobals, &a);
	if (ret || d->oom)
		return ret ? ret : -1;
	for (k = 0; k < d->nglobals; k++) {
		int64_t i = find_function(&d->c.in, d->globals[k],
					  strlen(d->globals[k]));

		if (!d->calls[i] && !d->stopped[i] &&
		    cannot_reach(d, i, "nothing calls it: a copy would never run"))
			return -1;
	}
	return 0;
}

/*
 * Changed functions without an ftrace entry call, outside init and exit
 * code: carried as new, and patched through their callers (carry_one()),
 * which may in turn be carried, up to callers that have one. A function
 * whose old body a caller inlined changes that caller by itself; a cycle
 * ends at functions already carried. 0, -1 out of memory, 2 a linked
 * object unusable.
 */
static int carry_through(struct decision *d)
{
	const struct side *a = &d->c.in;
	uint64_t i, n;
	int traced;

	d->queue = calloc(a->nfuncs + 1, sizeof(*d->queue));
	d->drawn_by = calloc(a->nfuncs + 1, sizeof(*d->drawn_by));
	d->calls = calloc(a->nfuncs + 1, sizeof(*d->calls));
	d->globals = calloc(a->nfuncs + 1, sizeof(*d->globals));
	d->stopped = calloc(a->nfuncs + 1, 1);
	if (!d->queue || !d->drawn_by || !d->calls || !d->globals || !d->stopped)
		return -1;
	for (i = 0; i < a->nfuncs; i += n) {
		uint32_t sym = a->funcs[i].sym;

		n = namesakes(a, i);
		if (d->status[i] != CHANGED || n != 1 || short_lived(a->v, sym))
			continue;
		traced = has_ftrace_call(&d->c.in, sym);
		if (traced < 0)
			return -1;
		if (!traced) {
			d->status[i] = CARRIED;
			d->queue[d->nqueue++] = i;
		}
	}
	if (!d->nqueue)
		return 0;
	if (places_build(&d->in_places, d->c.in.cf) ||
	    places_build(&d->orig_places, d->c.orig.cf) ||
	    uses_build(&d->in_uses, d->c.in.cf, &d->in_places, NULL) ||
	    uses_build(&d->orig_uses, d->c.orig.cf, &d->orig_places, NULL))
		return -1;
	for (i = 0; i < d->nqueue; i++)
		if (carry_one(d, d->queue[i]))
			return -1;
	return check_globals(d);
}

/*
 * Roots, carries and refusals from the functions' statuses. 0, -1 out of
 * memory, 2 a linked object unusable (diagnosed).
 */
static int decide_functions(struct decision *d)
{
	const struct side *a = &d->c.in;
	struct change_set *cs = d->cs;
	uint64_t i, n;
	int64_t owner;
	size_t len;
	int bad = carry_through(d);

	if (bad)
		return bad;
	for (i = 0; i < a->nfuncs; i += n) {
		const struct function_name *f = &a->funcs[i];
		const struct elf_symbol s = elf_sym(a->v, f->sym);

		n = namesakes(a, i);
		if (d->status[i] == CHANGED) {
			bad = check_patchable(d, f->sym);
			if (bad < 0)
				return -1;
			if (!bad && (add_name(&cs->patch, f->name) ||
				     add_name(&cs->functions, f->name)))
				return -1;
		} else if (d->status[i] == CARRIED) {
			cs->carry[f->sym] = 1;
		} else if (d->status[i] == NEW) {
			cs->carry[f->sym] = 1;
			if (n == 1 && is_global(&s) && add_name(&cs->functions, f->name))
				return -1;
		}
	}
	/* Cold parts of new code, split-off parts of changed or new code. */
	for (i = 0; i < a->nfuncs; i++) {
		const char *name = a->funcs[i].name;

		len = cold_base(name);
		if (!len)
			len = part_base(name);
		owner = len ? find_function(a, name, len) : -1;
		if (owner >= 0 && d->status[owner] != SAME)
			d->cs->carry[a->funcs[i].sym] = 1;
	}
	return 0;
}

/* ---- data ------------------------------------------------------------ */

static int is_data_object(const struct checked_file *cf, uint32_t i)
{
	const struct elf_view *v = &cf->view;
	const struct elf_symbol s = elf_sym(v, i);

	if (s.fault != SYM_OK || (s.type != STT_OBJECT && s.type != STT_TLS) ||
	    s.shndx == SHN_UNDEF || s.shndx >= v->shnum || !*s.name ||
	    has_reserved_prefix(s.name))
		return 0;
	return !(v->sections[s.shndx].flags & SHF_EXECINSTR) &&
	       cf->table.rules[s.shndx].kind == SECTION_UNCHECKED;
}

static int by_data_name(const void *a, const void *b)
{
	return strcmp(((const struct data_name *)a)->name,
		      ((const struct data_name *)b)->name);
}

static int index_orig_data(struct decision *d)
{
	const struct checked_file *cf = d->c.orig.cf;
	uint32_t i;

	d->orig_data = malloc((cf->view.nsyms + 1) * sizeof(*d->orig_data));
	if (!d->orig_data)
		return -1;
	for (i = 1; i < cf->view.nsyms; i++)
		if (is_data_object(cf, i))
			d->orig_data[d->norig_data++] = (struct data_name){
				elf_sym(&cf->view, i).name, i };
	qsort(d->orig_data, d->norig_data, sizeof(*d->orig_data), by_data_name);
	return 0;
}

/* The original's data object of that name, if it has exactly one. */
static uint32_t orig_data_named(const struct decision *d, const char *name)
{
	struct data_name key = { name, 0 };
	const struct data_name *hit = bsearch(&key, d->orig_data, d->norig_data,
					      sizeof(key), by_data_name);

	if (!hit)
		return 0;
	if ((hit > d->orig_data && !strcmp(hit[-1].name, name)) ||
	    (hit + 1 < d->orig_data + d->norig_data && !strcmp(hit[1].name, name)))
		return 0;
	return hit->sym;
}

/* The original's counterpart of patched data object i, 0 when new. */
static uint32_t counterpart(const struct decision *d, uint32_t i)
{
	const struct elf_symbol s = elf_sym(d->c.in.v, i);

	if (is_numbered(&s))
		return d->c.pair[i];
	return orig_data_named(d, s.name);
}

/* An existing data object: the same size and initial value, or refused. */
static int check_data(struct decision *d, uint32_t i, uint32_t o)
{
	const struct elf_symbol a = elf_sym(d->c.in.v, i);
	const struct elf_symbol b = elf_sym(d->c.orig.v, o);
	int same;

	if (a.size != b.size) {
		refuse(d, "changed data", a.name, "size %llu -> %llu",
		       (unsigned long long)b.size, (unsigned long long)a.size);
		return 0;
	}
	compare_begin(&d->c);
	same = same_symbol(&d->c, i, o);
	if (same < 0)
		return -1;
	if (!same)
		refuse(d, "changed data", a.name, "initial value differs");
	return 0;
}

static int decide_data(struct decision *d)
{
	const struct checked_file *cf = d->c.in.cf;
	const struct elf_view *v = &cf->view;
	struct change_set *cs = d->cs;
	uint32_t i, o;

	for (i = 1; i < v->nsyms; i++) {
		const struct elf_symbol s = elf_sym(v, i);

		if (!is_data_object(cf, i))
			continue;
		if (d->conflict[i]) {
			refuse(d, "changed data", s.name,
			       "its functions pair it with different statics of the original");
			continue;
		}
		/* Constants of their code, and per-call-site statics: copies. */
		if ((is_numbered(&s) && !holds_state(v, &s)) || is_duplicable(s.name)) {
			cs->carry[i] = 1;
			continue;
		}
		o = counterpart(d, i);
		if (!o) {
			cs->carry[i] = 1;
			if (is_global(&s) && add_name(&cs->data, s.name))
				return -1;
			continue;
		}
		if (check_data(d, i, o))
			return -1;
		if (strcmp(s.name, elf_sym(d->c.orig.v, o).name)) {
			cs->rename[i] = strdup(elf_sym(d->c.orig.v, o).name);
			if (!cs->rename[i])
				return -1;
		}
	}
	return 0;
}

/* ---- tables no rule names ------------------------------------------- */

static void unknown_differs(void *ctx, const char *section, const char *function)
{
	refuse(ctx, "cannot patch", function,
	       "%s points into it and no rule says whether a livepatch may carry it",
	       section);
}

/* ---- end to end ------------------------------------------------------ */

/* 0, -1 out of memory, 2 a linked object unusable (diagnosed). */
static int decide(struct decision *d, const struct checked_file *in,
		  const struct checked_file *orig)
{
	uint32_t n = in->view.nsyms + 1;
	int ret;

	d->cs->carry = calloc(n, 1);
	d->cs->rename = calloc(n, sizeof(*d->cs->rename));
	d->c.pair = calloc(n, sizeof(*d->c.pair));
	d->conflict = calloc(n, 1);
	if (!d->cs->carry || !d->cs->rename || !d->c.pair || !d->conflict ||
	    side_open(&d->c.in, in) || side_open(&d->c.orig, orig))
		return -1;
	d->status = calloc(d->c.in.nfuncs + 1, 1);
	if (!d->status || pair_statics(&d->c, d->conflict) ||
	    belonging_open(&d->in_b, in) || belonging_open(&d->orig_b, orig) ||
	    index_orig_data(d) || compare_functions(d))
		return -1;
	ret = decide_functions(d);
	if (ret)
		return ret;
	return decide_data(d) ||
	       unknown_tables_differ(&d->c, unknown_differs, d) ? -1 : 0;
}

static void decision_free(struct decision *d)
{
	belonging_close(&d->in_b);
	belonging_close(&d->orig_b);
	side_close(&d->c.in);
	side_close(&d->c.orig);
	free(d->c.pair);
	free(d->conflict);
	free(d->status);
	free(d->orig_data);
	uses_free(&d->in_uses);
	uses_free(&d->orig_uses);
	places_free(&d->in_places);
	places_free(&d->orig_places);
	free(d->queue);
	free(d->drawn_by);
	free(d->calls);
	free(d->stopped);
	free(d->globals);
	while (d->nsaid)
		free(d->said[--d->nsaid]);
	free(d->said);
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

enum verdict find_changed(const struct checked_file *in, const char *orig_path,
			  const struct name_list *linked, struct change_set *cs)
{
	struct checked_file orig;
	struct decision d = { .cs = cs, .linked = linked };
	enum verdict verdict;
	struct stat st;
	void *image = map_input(orig_path, &st);
	int opened;

	if (!image)
		return VERDICT_UNUSABLE;
	verdict = check_image(&orig, orig_path, image, st.st_size);
	opened = verdict != VERDICT_UNUSABLE;
	if (verdict == VERDICT_VIOLATIONS) {
		report_unusable(orig_path, "does not verify clean: its entries cannot be compared");
		verdict = VERDICT_UNUSABLE;
	}
	if (verdict == VERDICT_CLEAN && !is_counterpart(&in->view, &orig.view))
		verdict = VERDICT_UNUSABLE;
	if (verdict == VERDICT_CLEAN) {
		int ret = decide(&d, in, &orig);

		if (ret) {
			if (ret < 0)
				report_unusable(in->view.path, "out of memory");
			verdict = VERDICT_UNUSABLE;
		} else if (d.refused) {
			verdict = VERDICT_VIOLATIONS;
		}
	}
	decision_free(&d);
	if (opened)
		checked_file_close(&orig);
	munmap(image, st.st_size);
	return verdict;
}

void change_set_free(struct change_set *cs, uint32_t nsyms)
{
	uint32_t i;

	for (i = 0; cs->rename && i < nsyms; i++)
		free(cs->rename[i]);
	free(cs->rename);
	free(cs->carry);
	free(cs->patch.names);
	free(cs->functions.names);
	free(cs->data.names);
	memset(cs, 0, sizeof(*cs));
}

enum verdict check_copied(const struct elf_view *in,
			  const struct name_list *functions)
{
	enum verdict verdict = VERDICT_CLEAN;
	uint32_t i;
	size_t k;

	for (i = 1; i < in->nsyms; i++) {
		const struct elf_symbol s = elf_sym(in, i);
		const char *why;

		if (s.type != STT_FUNC || s.shndx == SHN_UNDEF || s.shndx >= in->shnum)
			continue;
		why = short_lived(in, i);
		for (k = 0; why && k < functions->n; k++) {
			if (strcmp(functions->names[k], s.name))
				continue;
			report_clean(stderr, in->path);
			fputs(": cannot patch: ", stderr);
			report_clean(stderr, s.name);
			fprintf(stderr, ": new code in %s, %s\n",
				in->sections[s.shndx].name, why);
			report_errors++;
			verdict = VERDICT_VIOLATIONS;
			break;
		}
	}
	return verdict;
}
