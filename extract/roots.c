// SPDX-License-Identifier: GPL-2.0
/*
 * The roots: the functions named on the command line and their cold parts
 * (gcc moves unlikely code into NAME.cold, usually in .text.unlikely.NAME).
 * Other clones (NAME.part.N, NAME.constprop.N) are functions of their own.
 * A function's section is copied whole, so it must hold no other
 * function's code: that takes -ffunction-sections.
 *
 * Data objects named on the command line are roots too, each its own
 * bytes: a static the changed code defines (WARN_ONCE()'s flag, say)
 * that the object it is copied into must carry. Data shares its section
 * with other data, -ffunction-sections or not, so only the symbol's
 * bytes go.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "../elf/diagnostics.h"
#include "pieces.h"
#include "places.h"
#include "roots.h"

struct wanted {
	const char *name;
	uint32_t func;		/* the root of that name, 0 if none */
	uint32_t definitions;	/* how many there are (ld -r repeats locals) */
	uint32_t other;		/* a symbol of that name of another kind */
};

/* What the names are to be: functions, or data objects. */
struct root_kind {
	int (*is)(const struct elf_view *v, const struct elf_symbol *s);
	const char *what;	/* "a function" */
	const char *noun;	/* "function" */
	int has_cold_parts;
};

struct name_key {
	const char *name;
	size_t len;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct wanted *)a)->name,
		      ((const struct wanted *)b)->name);
}

static int key_cmp(const void *key, const void *elem)
{
	const struct name_key *k = key;
	const char *name = ((const struct wanted *)elem)->name;
	int c = strncmp(k->name, name, k->len);

	return c ? c : -(name[k->len] != '\0');
}

size_t cold_base(const char *name)
{
	const char *c = NULL, *at = name, *digits;

	while ((at = strstr(at, ".cold")))
		c = at++;
	if (!c || c == name)
		return 0;
	digits = c + 5;
	if (*digits == '.' && digits[1])
		digits += strspn(digits + 1, "0123456789") + 1;
	return *digits ? 0 : (size_t)(c - name);
}

static int is_defined_function(const struct elf_view *v,
			       const struct elf_symbol *s)
{
	return s->fault == SYM_OK && s->type == STT_FUNC &&
	       s->shndx != SHN_UNDEF && s->shndx < v->shnum;
}

static int is_defined_object(const struct elf_view *v,
			     const struct elf_symbol *s)
{
	return s->fault == SYM_OK && s->type == STT_OBJECT &&
	       s->shndx != SHN_UNDEF && s->shndx < v->shnum;
}

static const struct root_kind functions = {
	is_defined_function, "a function", "function", 1,
};
static const struct root_kind data_objects = {
	is_defined_object, "a data object", "data object", 0,
};

/*
 * One pass over the symbols of the kind: the named ones into w, the cold
 * parts of functions marked in is_root (where the named ones go as well,
 * afterwards).
 */
static void find_roots(const struct elf_view *v, const struct root_kind *kind,
		       struct wanted *w, size_t n, unsigned char *is_root)
{
	uint32_t i;

	for (i = 1; i < v->nsyms; i++) {
		const struct elf_symbol s = elf_sym(v, i);
		struct name_key key = { s.name, 0 };
		struct wanted *found;

		if (!kind->is(v, &s))
			continue;
		key.len = strlen(s.name);
		found = bsearch(&key, w, n, sizeof(*w), key_cmp);
		if (found) {
			found->func = i;
			found->definitions++;
			continue;
		}
		key.len = kind->has_cold_parts ? cold_base(s.name) : 0;
		if (key.len && bsearch(&key, w, n, sizeof(*w), key_cmp))
			is_root[i] = 1;
	}
}

/* For the diagnostics: what the names of another kind are. */
static void find_others(const struct elf_view *v, const struct root_kind *kind,
			struct wanted *w, size_t n)
{
	uint32_t i;

	for (i = 1; i < v->nsyms; i++) {
		const struct elf_symbol s = elf_sym(v, i);
		struct name_key key = { s.name, strlen(s.name) };
		struct wanted *found;

		if (s.fault != SYM_OK || s.type == STT_SECTION ||
		    s.type == STT_FILE || kind->is(v, &s))
			continue;
		found = bsearch(&key, w, n, sizeof(*w), key_cmp);
		if (found)
			found->other = i;
	}
}

static const char *type_name(unsigned char type)
{
	switch (type) {
	case STT_NOTYPE:
		return "STT_NOTYPE";
	case STT_FUNC:
		return "STT_FUNC";
	case STT_OBJECT:
		return "STT_OBJECT";
	case STT_TLS:
		return "STT_TLS";
	case STT_GNU_IFUNC:
		return "STT_GNU_IFUNC";
	default:
		return "of another type";
	}
}

/* Each name: exactly one root of its kind. 0, or 1 after diagnosing. */
static int check_names(const struct elf_view *v, const struct root_kind *kind,
		       const struct wanted *w, size_t n)
{
	int bad = 0;
	size_t k;

	for (k = 0; k < n; k++) {
		struct elf_symbol other = { 0 };

		if (w[k].other)
			other = elf_sym(v, w[k].other);
		if (w[k].definitions > 1) {
			report_error(v, NULL, 0, "%s is defined %u times: cannot tell which to extract",
				     w[k].name, w[k].definitions);
		} else if (w[k].definitions) {
			continue;
		} else if (w[k].other && other.shndx == SHN_UNDEF) {
			report_error(v, NULL, 0, "%s is not defined in this file",
				     w[k].name);
		} else if (w[k].other) {
			report_error(v, &v->sections[other.shndx], other.value,
				     "%s is %s, not %s", w[k].name,
				     type_name(other.type), kind->what);
		} else {
			report_error(v, NULL, 0, "no %s named %s", kind->noun,
				     w[k].name);
		}
		bad = 1;
	}
	return bad;
}

/*
 * A function's section goes out whole, so whatever else is named in it
 * must go with the function: another root, an alias (the same bytes), a
 * prefix (objtool's __pfx_NAME, clang's __cfi_NAME: it ends where the
 * function starts, and in its name), or a symbol inside it (a label).
 */
static int belongs_to(const struct elf_view *v, uint32_t root, uint32_t other)
{
	const struct elf_symbol r = elf_sym(v, root), o = elf_sym(v, other);
	size_t rlen = strlen(r.name), olen = strlen(o.name);

	if (o.value - r.value < r.size || (o.value == r.value + r.size && !o.size))
		return o.size <= r.value + r.size - o.value;
	if (o.value == r.value && o.size == r.size)
		return 1;
	return o.type == STT_FUNC && o.value + o.size == r.value &&
	       olen > rlen && !strcmp(o.name + olen - rlen, r.name);
}

/* The first symbol of section sec that belongs to no root, or 0. */
static uint32_t other_code(struct extraction *x, const unsigned char *is_root,
			   uint32_t sec)
{
	const struct function_index *named = &x->places.named;
	uint64_t j, k;

	for (j = named->first[sec]; j < named->first[sec + 1]; j++) {
		uint32_t other = named->funcs[j];
		int fine = is_root[other];

		for (k = named->first[sec]; k < named->first[sec + 1] && !fine; k++)
			fine = is_root[named->funcs[k]] &&
			       belongs_to(x->v, named->funcs[k], other);
		if (!fine)
			return other;
	}
	return 0;
}

static int check_section(struct extraction *x, const unsigned char *is_root,
			 uint32_t root)
{
	const struct elf_view *v = x->v;
	const struct elf_symbol r = elf_sym(v, root);
	const struct elf_section *sec = &v->sections[r.shndx];
	uint32_t other;

	if (x->in->table.rules[r.shndx].kind != SECTION_UNCHECKED) {
		report_error(v, sec, r.value,
			     "%s is in a section of entries, not of functions",
			     r.name);
		return 1;
	}
	if (!has_contents(sec)) {
		report_error(v, sec, r.value,
			     "%s is in a section of type %u, which is no section of contents",
			     r.name, sec->type);
		return 1;
	}
	other = other_code(x, is_root, r.shndx);
	if (!other)
		return 0;
	report_error(v, sec, r.value,
		     "%s shares section %s with %s: build with -ffunction-sections",
		     r.name, sec->name, elf_sym(v, other).name);
	return 1;
}

static int take_sections(struct extraction *x, const unsigned char *is_root)
{
	uint32_t i;
	int bad = 0;

	for (i = 1; i < x->v->nsyms; i++)
		if (is_root[i])
			bad |= check_section(x, is_root, i);
	for (i = 1; i < x->v->nsyms && !bad; i++)
		if (is_root[i] && take_whole(x, elf_sym(x->v, i).shndx))
			return -1;
	return bad;
}

/*
 * A data object goes out as its own bytes, with the symbols inside them:
 * in a section of contents that holds neither entries nor code. 1 when
 * it cannot (diagnosed).
 */
static int data_object_problem(struct extraction *x, uint32_t i)
{
	const struct elf_view *v = x->v;
	const struct elf_symbol s = elf_sym(v, i);
	const struct elf_section *sec = &v->sections[s.shndx];
	const char *why = NULL;

	if (x->in->table.rules[s.shndx].kind != SECTION_UNCHECKED)
		why = "is in a section of entries";
	else if (!has_contents(sec))
		why = "is in no section of contents";
	else if (sec->flags & SHF_EXECINSTR)
		why = "is in a code section";
	else if (s.value > sec->size || s.size > sec->size - s.value)
		why = "extends past its section";
	if (why)
		report_error(v, sec, s.value, "%s %s", s.name, why);
	return why != NULL;
}

static int take_objects(struct extraction *x, const unsigned char *is_root)
{
	const struct elf_view *v = x->v;
	uint32_t i;
	int bad = 0;

	for (i = 1; i < v->nsyms; i++)
		if (is_root[i])
			bad |= data_object_problem(x, i);
	for (i = 1; i < v->nsyms && !bad; i++)
		if (is_root[i] && take_object(x, i))
			return -1;
	return bad;
}

static int take_kind(struct extraction *x, const struct root_kind *kind,
		     const char *const *names, size_t n)
{
	const struct elf_view *v = x->v;
	struct wanted *w = calloc(n + 1, sizeof(*w));
	unsigned char *is_root = kind->has_cold_parts ? x->is_root :
				 calloc(v->nsyms + 1, 1);
	size_t k, unique = 0;
	int ret = -1;

	if (!w || !is_root)
		goto out;
	for (k = 0; k < n; k++)
		w[k].name = names[k];
	qsort(w, n, sizeof(*w), by_name);
	for (k = 0; k < n; k++)
		if (!unique || strcmp(w[unique - 1].name, w[k].name))
			w[unique++] = w[k];
	find_roots(v, kind, w, unique, is_root);
	for (k = 0; k < unique && w[k].definitions; k++)
		;
	if (k < unique)
		find_others(v, kind, w, unique);
	ret = check_names(v, kind, w, unique);
	if (ret)
		goto out;
	for (k = 0; k < unique; k++)
		is_root[w[k].func] = 1;
	if (kind->has_cold_parts)
		ret = take_sections(x, is_root);
	else
		ret = take_objects(x, is_root);
out:
	free(w);
	if (!kind->has_cold_parts)
		free(is_root);
	return ret;
}

int take_carried(struct extraction *x, uint32_t sym)
{
	const struct elf_symbol s = elf_sym(x->v, sym);

	if (s.type != STT_FUNC) {
		if (x->object_piece[sym])
			return 0;
		return data_object_problem(x, sym) ? 1 :
		       take_object(x, sym) ? -1 : 0;
	}
	if (x->is_root[sym] || x->whole[s.shndx])
		return 0;
	x->is_root[sym] = 1;
	if (check_section(x, x->is_root, sym))
		return 1;
	return take_whole(x, s.shndx) ? -1 : 0;
}

int take_roots(struct extraction *x, const struct extract_roots *roots)
{
	int ret = take_kind(x, &functions, roots->functions, roots->nfunctions);

	if (!ret && roots->ndata)
		ret = take_kind(x, &data_objects, roots->data, roots->ndata);
	return ret;
}
