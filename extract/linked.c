// SPDX-License-Identifier: GPL-2.0
/*
 * The uses of global functions in the linked objects. ld -r keeps every
 * relocation, and every object's local symbols after its STT_FILE symbol:
 * a use lies in the original object when the function it lies in is a
 * global function the original defines too, or a local one among the
 * locals of the original's object there. That object is the one of the
 * original's file name that defines every local function the original
 * does; of several (two trace_clock.c, one without local functions), the
 * one that also has the most of its local data names (an export's
 * __ksymtab_NAME); where none is, or no one alone, no local is the
 * original's. What the original's own code does with a function, the
 * caller reads from the original itself.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../elf/diagnostics.h"
#include "../elf/input.h"
#include "linked.h"

struct linked {
	const char *path;
	const struct side *orig;
	const char *const *names;	/* sorted */
	size_t n;
	unsigned int *defined;		/* per name: definitions seen */
	const struct linked_answer *a;
	struct checked_file cf;
	struct places places;
	unsigned char *wanted;		/* per symbol: a function asked about */
	uint32_t *file;			/* per local symbol: its STT_FILE symbol */
	uint32_t ours;			/* the original's STT_FILE symbol, or 0 */
};

static int by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_function(const struct elf_view *v, const struct elf_symbol *s)
{
	return s->fault == SYM_OK && s->type == STT_FUNC &&
	       s->shndx != SHN_UNDEF && s->shndx < v->shnum;
}

/* The functions asked about that this file defines. */
static int mark_wanted(struct linked *l)
{
	const struct elf_view *v = &l->cf.view;
	uint32_t i;
	int any = 0;

	l->wanted = calloc(v->nsyms + 1, 1);
	if (!l->wanted)
		return -1;
	for (i = 1; i < v->nsyms; i++) {
		const struct elf_symbol s = elf_sym(v, i);
		const char *const *hit;

		if (!is_function(v, &s) || s.bind == STB_LOCAL)
			continue;
		hit = bsearch(&s.name, l->names, l->n, sizeof(*l->names), by_string);
		if (hit) {
			l->wanted[i] = 1;
			l->defined[hit - l->names]++;
			any = 1;
		}
	}
	return any;
}

static const char *file_name(const struct elf_view *v)
{
	uint32_t i;

	for (i = 1; i < v->nsyms; i++)
		if (elf_sym(v, i).type == STT_FILE)
			return elf_sym(v, i).name;
	return NULL;
}

/* Whether the original has a function of that name and binding. */
static int orig_has(const struct side *orig, const char *name, int local)
{
	int64_t k = find_function(orig, name, strlen(name));
	struct elf_symbol s;

	if (k < 0 || namesakes(orig, k) != 1)
		return 0;
	s = elf_sym(orig->v, orig->funcs[k].sym);
	return (s.bind == STB_LOCAL) == local;
}

static int is_local_data(const struct elf_symbol *s)
{
	return s->fault == SYM_OK && s->bind == STB_LOCAL &&
	       s->type == STT_OBJECT && s->name[0];
}

/* The original's local data names, sorted; NULL-terminated. */
static const char **local_data_names(const struct elf_view *v, size_t *n)
{
	const char **names = calloc(v->nsyms + 1, sizeof(*names));
	uint32_t i;

	*n = 0;
	if (!names)
		return NULL;
	for (i = 1; i < v->nsyms; i++) {
		const struct elf_symbol s = elf_sym(v, i);

		if (is_local_data(&s))
			names[(*n)++] = s.name;
	}
	if (*n > 1)
		qsort(names, *n, sizeof(*names), by_string);
	return names;
}

/*
 * Every local's STT_FILE symbol, and the original's among them: the one
 * of its file name whose locals include every local function it has,
 * and of those the one with the most of its local data names.
 */
static int index_files(struct linked *l)
{
	const struct elf_view *v = &l->cf.view;
	const struct side *orig = l->orig;
	const char *name = file_name(orig->v);
	uint32_t *seen = calloc(orig->nfuncs + 1, sizeof(*seen));
	uint64_t *matched = calloc(v->nsyms + 1, sizeof(*matched));
	uint64_t *data = calloc(v->nsyms + 1, sizeof(*data));
	size_t ndata = 0;
	const char **data_names = local_data_names(orig->v, &ndata);
	uint64_t locals = 0, best = 0, k;
	uint32_t i, file = 0, found = 0;

	l->file = calloc(v->nsyms + 1, sizeof(*l->file));
	if (!seen || !matched || !data || !data_names || !l->file) {
		free(seen);
		free(matched);
		free(data);
		free(data_names);
		return -1;
	}
	for (k = 0; k < orig->nfuncs; k++)
		locals += orig_has(orig, orig->funcs[k].name, 1);
	for (i = 1; i < v->nsyms; i++) {
		const struct elf_symbol s = elf_sym(v, i);
		int64_t at;

		if (s.bind != STB_LOCAL)
			break;
		if (s.type == STT_FILE)
			file = i;
		l->file[i] = file;
		if (file && is_local_data(&s) && ndata &&
		    bsearch(&s.name, data_names, ndata, sizeof(*data_names), by_string))
			data[file]++;
		if (!file || !is_function(v, &s) || !orig_has(orig, s.name, 1))
			continue;
		at = find_function(orig, s.name, strlen(s.name));
		if (seen[at] != file) {
			seen[at] = file;
			matched[file]++;
		}
	}
	for (i = 1; i < v->nsyms && name; i++) {
		const struct elf_symbol s = elf_sym(v, i);

		if (s.bind != STB_LOCAL)
			break;
		if (s.type != STT_FILE || strcmp(s.name, name) ||
		    matched[i] != locals)
			continue;
		if (!found || data[i] > best) {
			l->ours = i;
			best = data[i];
			found = 1;
		} else if (data[i] == best) {
			found++;
		}
	}
	if (found != 1)
		l->ours = 0;
	free(seen);
	free(matched);
	free(data);
	free(data_names);
	return 0;
}

/* Whether the original defines a global symbol of that name. */
static int orig_defines(const struct side *orig, const char *name)
{
	const struct elf_view *v = orig->v;
	uint32_t i;

	for (i = 1; i < v->nsyms; i++) {
		const struct elf_symbol s = elf_sym(v, i);

		if (s.fault == SYM_OK && s.bind != STB_LOCAL &&
		    s.shndx != SHN_UNDEF && !strcmp(s.name, name))
			return 1;
	}
	return 0;
}

/* Whether symbol i of the linked file is the original's. */
static int is_ours(const struct linked *l, uint32_t i)
{
	const struct elf_symbol s = elf_sym(&l->cf.view, i);

	if (s.bind == STB_LOCAL)
		return l->ours && l->file[i] == l->ours;
	return s.type == STT_FUNC ? orig_has(l->orig, s.name, 0) :
	       orig_defines(l->orig, s.name);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static void report_use(struct linked *l, const struct use *u)
{
	const struct elf_view *v = &l->cf.view;
	struct linked_use out = { elf_sym(v, u->callee).name, NULL, NULL,
				  base_name(l->path), v->sections[u->sec].name,
				  u->kind };
	uint32_t in = u->caller;

	/* Data: the named object the reference lies in, if any. */
	if (!in && !is_code_section(&v->sections[u->sec])) {
		struct place pl = locate_named(v, &l->places, u->sec, u->at);

		if (pl.kind == PLACE_SYMBOL)
			in = pl.sym;
	}
	if (in) {
		const struct elf_symbol s = elf_sym(v, in);

		if (is_ours(l, in))
			return;
		if (u->caller)
			out.caller = s.name;
		else
			out.holder = s.name;
		if (s.bind == STB_LOCAL && l->file[in])
			out.where = elf_sym(v, l->file[in]).name;
	}
	l->a->use(l->a->ctx, &out);
}

static int scan(struct linked *l)
{
	struct uses u = { 0 };
	uint64_t k;
	int ret = mark_wanted(l);

	if (ret <= 0)
		return ret;
	if (places_build(&l->places, &l->cf))
		return -1;
	ret = -1;
	if (!uses_build(&u, &l->cf, &l->places, l->wanted) && !index_files(l)) {
		for (k = 0; k < u.count; k++)
			if (u.items[k].kind != USE_OWN)
				report_use(l, &u.items[k]);
		ret = 0;
	}
	uses_free(&u);
	places_free(&l->places);
	return ret;
}

static int scan_file(struct linked *l, const char *path)
{
	struct stat st;
	void *image = map_input(path, &st);
	enum verdict verdict;
	int ret = 2;

	if (!image)
		return 2;
	l->path = path;
	verdict = check_image(&l->cf, path, image, st.st_size);
	if (verdict == VERDICT_VIOLATIONS)
		report_unusable(path, "does not verify clean: the uses of its functions cannot be told");
	else if (verdict == VERDICT_CLEAN && !l->cf.view.is_relocatable)
		report_unusable(path, "not a relocatable object: a linked executable keeps no relocations to tell callers by");
	else if (verdict == VERDICT_CLEAN)
		ret = scan(l);
	if (verdict != VERDICT_UNUSABLE)
		checked_file_close(&l->cf);
	free(l->wanted);
	free(l->file);
	l->wanted = NULL;
	l->file = NULL;
	l->ours = 0;
	munmap(image, st.st_size);
	return ret;
}

int linked_uses(const struct name_list *files, const struct side *orig,
		const char *const *names, size_t n,
		const struct linked_answer *a)
{
	struct linked l = { .orig = orig, .n = n, .a = a };
	const char **sorted = calloc(n + 1, sizeof(*sorted));
	size_t k;
	int ret = -1;

	l.defined = calloc(n + 1, sizeof(*l.defined));
	if (!sorted || !l.defined)
		goto out;
	memcpy(sorted, names, n * sizeof(*sorted));
	if (n > 1)
		qsort(sorted, n, sizeof(*sorted), by_string);
	l.names = sorted;
	for (k = 0; k < files->n; k++) {
		ret = scan_file(&l, files->names[k]);
		if (ret)
			goto out;
	}
	for (k = 0; k < n; k++)
		if (l.defined[k] != 1)
			a->unknown(a->ctx, sorted[k]);
	ret = 0;
out:
	free(sorted);
	free(l.defined);
	return ret;
}
