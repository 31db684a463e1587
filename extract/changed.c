// SPDX-License-Identifier: GPL-2.0
/*
 * What a patch changed, decided the way a livepatch needs it, as kpatch's
 * create-diff-object and objtool's klp diff decide:
 *
 *  - a function both objects have is changed when its code or its
 *    entries differ (compare.c, belongs.c); livepatch redirects it, so it
 *    must have an ftrace entry call and live outside init and exit code;
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../elf/diagnostics.h"
#include "../elf/input.h"
#include "../verify/policy.h"
#include "belongs.h"
#include "changed.h"
#include "compare.h"
#include "duplicable.h"
#include "pairing.h"
#include "places.h"
#include "roots.h"
#include "unknown.h"

/* How close to a function's start its ftrace call is: after an endbr64. */
#define FTRACE_CALL_WITHIN	16
#define FTRACE_CALL		"__fentry__"

enum status { SAME, CHANGED, NEW };

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

/* Roots, carries and refusals from the functions' statuses. */
static int decide_functions(struct decision *d)
{
	const struct side *a = &d->c.in;
	struct change_set *cs = d->cs;
	uint64_t i, n;
	int64_t owner;
	size_t len;
	int bad;

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

static int decide(struct decision *d, const struct checked_file *in,
		  const struct checked_file *orig)
{
	uint32_t n = in->view.nsyms + 1;

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
	return decide_functions(d) || decide_data(d) ||
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
			  struct change_set *cs)
{
	struct checked_file orig;
	struct decision d = { .cs = cs };
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
		if (decide(&d, in, &orig)) {
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
