// SPDX-License-Identifier: GPL-2.0
/*
 * kallsyms orders the symbols of one name by address
 * (scripts/kallsyms.c, compare_names()), and klp_find_object_symbol()
 * counts the matches in that order: the position of a symbol is its rank
 * by address among the symbols of its name, 1-based, and 0 when it is the
 * only one.
 *
 * A module's symbols are counted as its loader keeps them for kallsyms
 * (kernel/module/kallsyms.c, is_core_symbol(), and
 * module_kallsyms_on_each_symbol()): in symbol table order, those of its
 * allocated sections but the init ones.
 *
 * A local is told from its namesakes by its file: the linker keeps each
 * object's locals after its STT_FILE symbol. File names repeat (fs/proc,
 * lib and arch/x86/lib each have a cmdline.c), so the group meant is the
 * one that holds most of the patched object's own locals.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "../elf/grow.h"
#include "sympos.h"

struct hit {
	size_t ref;
	uint64_t address;
	uint32_t sym, group;
	int local;
};

struct group {
	uint32_t file;		/* its STT_FILE symbol */
	uint64_t score;
};

struct scan {
	struct hit *hits;
	size_t nhits;
	uint64_t hits_cap;
	struct group *groups;
	size_t ngroups;
	uint64_t groups_cap;
};

static int by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_named_definition(const struct elf_symbol *s)
{
	return s->fault == SYM_OK && s->shndx != SHN_UNDEF && *s->name &&
	       s->type != STT_FILE && s->type != STT_SECTION;
}

int patched_file_read(struct patched_file *f, const struct elf_view *obj)
{
	uint32_t i;

	memset(f, 0, sizeof(*f));
	f->name = "";
	f->locals = calloc(obj->nsyms + 1, sizeof(*f->locals));
	if (!f->locals)
		return -1;
	for (i = 1; i < obj->nsyms; i++) {
		const struct elf_symbol s = elf_sym(obj, i);

		if (s.type == STT_FILE && s.fault == SYM_OK && !*f->name)
			f->name = s.name;
		else if (s.bind == STB_LOCAL && is_named_definition(&s))
			f->locals[f->nlocals++] = s.name;
	}
	qsort(f->locals, f->nlocals, sizeof(*f->locals), by_string);
	return 0;
}

void patched_file_free(struct patched_file *f)
{
	free(f->locals);
	memset(f, 0, sizeof(*f));
}

int patched_file_defines(const struct patched_file *f, const char *name)
{
	return f->nlocals &&
	       bsearch(&name, f->locals, f->nlocals, sizeof(*f->locals), by_string);
}

static int by_ref_name(const void *a, const void *b)
{
	const struct vmlinux_ref *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static int add_hit(struct scan *sc, const struct hit *h)
{
	if (grow_array(&sc->hits, &sc->hits_cap, sc->nhits + 1, sizeof(*sc->hits)))
		return -1;
	sc->hits[sc->nhits++] = *h;
	return 0;
}

static int add_group(struct scan *sc, uint32_t file)
{
	if (grow_array(&sc->groups, &sc->groups_cap, sc->ngroups + 1,
		       sizeof(*sc->groups)))
		return -1;
	sc->groups[sc->ngroups++] = (struct group){ file, 0 };
	return 0;
}

/* What a module's loader keeps for kallsyms: allocated, not init. */
static int is_core(const struct elf_view *v, const struct elf_symbol *s)
{
	const struct elf_section *sec;

	if (s->shndx == SHN_UNDEF || s->shndx >= v->shnum)
		return 0;
	sec = &v->sections[s->shndx];
	return (sec->flags & SHF_ALLOC) && strncmp(sec->name, ".init", 5);
}

/* One pass: the groups named like the file and their scores, and every namesake of a ref. */
static int scan_symbols(const struct elf_view *v, const struct patched_file *file,
			struct vmlinux_ref **sorted, size_t n, struct scan *sc,
			enum sympos_order order)
{
	uint32_t i, group = 0;

	for (i = 1; i < v->nsyms; i++) {
		const struct elf_symbol s = elf_sym(v, i);
		struct vmlinux_ref key = { s.name, 0, 0, 0, 0 }, *k = &key, **found;

		if (s.type == STT_FILE) {
			group = 0;
			if (s.fault == SYM_OK && !strcmp(s.name, file->name)) {
				if (add_group(sc, i))
					return -1;
				group = i;
			}
			continue;
		}
		if (!is_named_definition(&s) ||
		    (order == BY_SYMBOL_TABLE && !is_core(v, &s)))
			continue;
		if (group && s.bind == STB_LOCAL && patched_file_defines(file, s.name))
			sc->groups[sc->ngroups - 1].score++;
		found = n ? bsearch(&k, sorted, n, sizeof(*sorted), by_ref_name) : NULL;
		if (found) {
			/* Any ref of that name stands for the name. */
			struct hit h = { (size_t)(found - sorted), s.value, i,
					 s.bind == STB_LOCAL ? group : 0,
					 s.bind == STB_LOCAL };

			if (add_hit(sc, &h))
				return -1;
		}
	}
	return 0;
}

static int by_ref_address(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->ref != y->ref)
		return x->ref < y->ref ? -1 : 1;
	if (x->address != y->address)
		return x->address < y->address ? -1 : 1;
	return (x->sym > y->sym) - (x->sym < y->sym);
}

static int by_ref_index(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->ref != y->ref)
		return x->ref < y->ref ? -1 : 1;
	return (x->sym > y->sym) - (x->sym < y->sym);
}

static void choose_group(const struct scan *sc, struct file_match *m)
{
	size_t k;

	memset(m, 0, sizeof(*m));
	m->groups = sc->ngroups;
	for (k = 0; k < sc->ngroups; k++) {
		if (!m->best || sc->groups[k].score > m->score) {
			m->best = sc->groups[k].file;
			m->score = sc->groups[k].score;
			m->tie = 0;
		} else if (sc->groups[k].score == m->score) {
			m->tie = 1;
		}
	}
}

/* hits[first, last) are the namesakes of sorted[r], by address. */
static void answer(struct vmlinux_ref *ref, const struct hit *hits,
		   size_t first, size_t last, const struct file_match *m)
{
	size_t k;

	for (k = first; k < last; k++) {
		const struct hit *h = &hits[k];

		if (ref->local ? h->local && h->group == m->best && !m->tie
			       : !h->local) {
			ref->found = 1;
			ref->address = h->address;
			ref->pos = last - first > 1 ? k - first + 1 : 0;
			return;
		}
	}
}

int sympos_resolve(const struct elf_view *vmlinux,
		   const struct patched_file *file, struct vmlinux_ref *refs,
		   size_t n, struct file_match *match, enum sympos_order order)
{
	struct vmlinux_ref **sorted = calloc(n + 1, sizeof(*sorted));
	struct scan sc = { 0 };
	size_t k, first, r;
	int ret = -1;

	if (!sorted)
		return -1;
	for (k = 0; k < n; k++)
		sorted[k] = &refs[k];
	qsort(sorted, n, sizeof(*sorted), by_ref_name);
	if (scan_symbols(vmlinux, file, sorted, n, &sc, order))
		goto out;
	choose_group(&sc, match);
	if (sc.nhits)
		qsort(sc.hits, sc.nhits, sizeof(*sc.hits),
		      order == BY_ADDRESS ? by_ref_address : by_ref_index);
	for (first = 0; first < sc.nhits; first = k) {
		for (k = first; k < sc.nhits && sc.hits[k].ref == sc.hits[first].ref; k++)
			;
		/* Every ref of that name gets its answer. */
		for (r = 0; r < n; r++)
			if (!strcmp(refs[r].name, sorted[sc.hits[first].ref]->name))
				answer(&refs[r], sc.hits, first, k, match);
	}
	ret = 0;
out:
	free(sc.hits);
	free(sc.groups);
	free(sorted);
	return ret;
}
