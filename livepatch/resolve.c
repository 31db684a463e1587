// SPDX-License-Identifier: GPL-2.0
/*
 * resolve: every undefined reference of the extracted object, by the rule
 * a livepatch follows. The object patches vmlinux or one module (the
 * "patched object"):
 *
 *  - what another part of the livepatch module defines stays a reference;
 *  - a local of the patched file (the original object defines it) is the
 *    patched object's symbol in that file: ".klp.sym.OBJ.NAME,POS";
 *  - a global of the patched module is ".klp.sym.MODULE.NAME,POS" even
 *    when exported, so that the livepatch loads before the module does;
 *  - what vmlinux or a module exports stays a reference, which the module
 *    loader resolves;
 *  - any other global of vmlinux is ".klp.sym.vmlinux.NAME,POS".
 *
 * The module loader applies the livepatch module's entries (alternatives,
 * jump labels, exception tables...) once its relocations are done. Those
 * against vmlinux's livepatch symbols are among them (kernel/module/main.c,
 * apply_relocations(): klp_apply_section_relocs() for ".klp.rela.vmlinux."),
 * but those against a module's are applied only when that module loads,
 * which may be later: an entry that refers to a module's livepatch symbol
 * would be applied with a wrong value, so it is refused, without knowing
 * which kind of entry it is. The functions to patch get global aliases
 * for the glue, and the glue's lines say where each one's original is.
 * The names the glue refers to itself (bind, and the variables of the
 * tables it applies at load) are answered as references of the object
 * would be: the glue, which C compiles, cannot spell a livepatch symbol.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../elf/diagnostics.h"
#include "../elf/input.h"
#include "../verify/check.h"
#include "../verify/relocs.h"
#include "klp_module.h"
#include "rewrite.h"
#include "symvers.h"
#include "sympos.h"

/* A reference and how it is answered. */
enum answer { KEEP, LIVEPATCH_OBJECT, LIVEPATCH_VMLINUX };

struct resolution {
	const struct resolve_request *r;
	const struct elf_view *in;
	const char *object;		/* "vmlinux" or the module's name */
	struct symvers symvers;
	struct patched_file file;
	struct vmlinux_ref *refs;	/* in the patched object, then vmlinux */
	enum answer *answer;		/* per ref */
	uint32_t *ref_of;		/* per input symbol: ref + 1, or 0 */
	size_t nrefs;
	struct vmlinux_ref *olds;	/* the patched functions' originals */
	struct file_match match;
	char **klp_name;		/* per input symbol: its livepatch name */
	char **alias;			/* per --patch name: its alias */
	struct elf_writer_symbol *aliases;
	/* The glue's names: --bind's, then --at-load's variables. */
	const char **glue_names;
	size_t nglue;
	size_t *glue_ref;		/* per glue name: its ref */
	char **glue_answer;		/* per glue name: its livepatch name, or NULL */
	char **bracket;			/* per --at-load: its start and end symbols */
};

static int is_vmlinux(const struct resolution *res)
{
	return !strcmp(res->object, KLP_VMLINUX);
}

static int is_reference(const struct elf_view *v, uint32_t i)
{
	const struct elf_symbol s = elf_sym(v, i);

	return s.fault == SYM_OK && *s.name && raw_shndx(v, i) == SHN_UNDEF &&
	       s.type != STT_SECTION && s.type != STT_FILE;
}

static int listed(const struct name_list *l, const char *name)
{
	size_t k;

	for (k = 0; k < l->n; k++)
		if (!strcmp(l->names[k], name))
			return 1;
	return 0;
}

/* "SECTION:WIDTH:VARIABLE": one part, by index (0, 1, 2), copied. */
static char *at_load_part(const char *spec, int part)
{
	const char *start = spec, *end;

	while (part-- > 0 && start)
		start = strchr(start, ':') ? strchr(start, ':') + 1 : NULL;
	if (!start)
		return NULL;
	end = strchr(start, ':');
	return strndup(start, end ? (size_t)(end - start) : strlen(start));
}

/* The glue's names: --bind's, and each --at-load's variable. */
static int collect_glue_names(struct resolution *res)
{
	const struct resolve_request *r = res->r;
	size_t k;

	res->nglue = r->bind.n + r->at_load.n;
	res->glue_names = calloc(res->nglue + 1, sizeof(*res->glue_names));
	res->glue_ref = calloc(res->nglue + 1, sizeof(*res->glue_ref));
	res->glue_answer = calloc(res->nglue + 1, sizeof(*res->glue_answer));
	if (!res->glue_names || !res->glue_ref || !res->glue_answer)
		return -1;
	for (k = 0; k < r->bind.n; k++)
		res->glue_names[k] = r->bind.names[k];
	for (k = 0; k < r->at_load.n; k++) {
		res->glue_names[r->bind.n + k] = at_load_part(r->at_load.names[k], 2);
		if (!res->glue_names[r->bind.n + k])
			return -1;
	}
	return 0;
}

/* The references the patched object or vmlinux must answer. */
static int collect_refs(struct resolution *res)
{
	const struct elf_view *v = res->in;
	uint32_t i;
	size_t k;

	if (collect_glue_names(res))
		return -1;
	res->refs = calloc(v->nsyms + res->nglue + 1, sizeof(*res->refs));
	res->answer = calloc(v->nsyms + res->nglue + 1, sizeof(*res->answer));
	res->ref_of = calloc(v->nsyms + 1, sizeof(*res->ref_of));
	res->klp_name = calloc(v->nsyms + 1, sizeof(*res->klp_name));
	if (!res->refs || !res->answer || !res->ref_of || !res->klp_name)
		return -1;
	for (i = 1; i < v->nsyms; i++) {
		const struct elf_symbol s = elf_sym(v, i);
		int local;

		if (!is_reference(v, i) || listed(&res->r->provided, s.name))
			continue;
		/* The file's own static shadows any export of that name. */
		local = patched_file_defines(&res->file, s.name);
		res->refs[res->nrefs] = (struct vmlinux_ref){ s.name, local, 0, 0, 0 };
		res->ref_of[i] = ++res->nrefs;
	}
	for (k = 0; k < res->nglue; k++) {
		const char *name = res->glue_names[k];

		res->refs[res->nrefs] = (struct vmlinux_ref){
			name, patched_file_defines(&res->file, name), 0, 0, 0 };
		res->glue_ref[k] = res->nrefs++;
	}
	return 0;
}

/*
 * Look the references up: in the patched object first (a module: its
 * own symbols, exported or not), then among the exports, then vmlinux.
 */
static int answer_refs(struct resolution *res, const struct elf_view *object,
		       const struct elf_view *vmlinux)
{
	struct vmlinux_ref *pending = calloc(res->nrefs + 1, sizeof(*pending));
	size_t *at = calloc(res->nrefs + 1, sizeof(*at));
	struct file_match unused;
	size_t k, n = 0;
	int ret = -1;

	if (!pending || !at ||
	    sympos_resolve(object, &res->file, res->refs, res->nrefs, &res->match,
			   is_vmlinux(res) ? BY_ADDRESS : BY_SYMBOL_TABLE))
		goto out;
	for (k = 0; k < res->nrefs; k++) {
		struct vmlinux_ref *ref = &res->refs[k];

		if (ref->local || (ref->found && !is_vmlinux(res))) {
			res->answer[k] = LIVEPATCH_OBJECT;
		} else if (symvers_exporter(&res->symvers, ref->name)) {
			res->answer[k] = KEEP;
			ref->found = 1;
		} else {
			res->answer[k] = LIVEPATCH_VMLINUX;
			if (!is_vmlinux(res)) {
				pending[n] = *ref;
				at[n++] = k;
			}
		}
	}
	/* A module's references to what vmlinux has but does not export. */
	if (n && sympos_resolve(vmlinux, &res->file, pending, n, &unused, BY_ADDRESS))
		goto out;
	for (k = 0; k < n; k++)
		res->refs[at[k]] = pending[k];
	ret = 0;
out:
	free(pending);
	free(at);
	return ret;
}

static int ambiguous_file(const struct resolution *res)
{
	const struct elf_view *v = res->in;
	size_t k;

	for (k = 0; k < res->nrefs && !res->refs[k].local; k++)
		;
	if (!res->match.tie || k == res->nrefs)
		return 0;
	report_error(v, NULL, 0, "%u symbol groups of %s in %s hold %llu of %s's locals each: cannot tell which is its file",
		     res->match.groups, res->file.name, res->object,
		     (unsigned long long)res->match.score, res->r->orig);
	return 1;
}

/* 0 when every reference has its answer; 1 after diagnosing those without. */
static int check_answers(struct resolution *res)
{
	const struct elf_view *v = res->in;
	int bad = 0;
	size_t k;

	if (ambiguous_file(res))
		return 1;
	for (k = 0; k < res->nrefs; k++) {
		const struct vmlinux_ref *ref = &res->refs[k];

		if (ref->found)
			continue;
		bad = 1;
		if (ref->local)
			report_error(v, NULL, 0, "%s is a local of %s, but %s has none in %s",
				     ref->name, res->r->orig, res->object,
				     res->file.name);
		else
			report_error(v, NULL, 0, "%s is neither exported (%s) nor defined in %s%s%s",
				     ref->name, res->r->symvers, res->object,
				     is_vmlinux(res) ? "" : " or ",
				     is_vmlinux(res) ? "" : KLP_VMLINUX);
	}
	return bad;
}

static char *klp_symbol_name(const char *object, const char *name,
			     unsigned long pos)
{
	int n = snprintf(NULL, 0, KLP_SYM_PREFIX "%s.%s,%lu", object, name, pos);
	char *s = malloc(n + 1);

	if (s)
		snprintf(s, n + 1, KLP_SYM_PREFIX "%s.%s,%lu", object, name, pos);
	return s;
}

static int name_refs(struct resolution *res)
{
	uint32_t i;
	size_t k;

	for (k = 0; k < res->nglue; k++) {
		size_t ref = res->glue_ref[k];

		if (res->answer[ref] == KEEP)
			continue;
		res->glue_answer[k] = klp_symbol_name(
			res->answer[ref] == LIVEPATCH_OBJECT ? res->object : KLP_VMLINUX,
			res->refs[ref].name, res->refs[ref].pos);
		if (!res->glue_answer[k])
			return -1;
	}
	for (i = 1; i < res->in->nsyms; i++) {
		size_t k = res->ref_of[i];

		if (!k-- || res->answer[k] == KEEP)
			continue;
		res->klp_name[i] = klp_symbol_name(
			res->answer[k] == LIVEPATCH_OBJECT ? res->object : KLP_VMLINUX,
			res->refs[k].name, res->refs[k].pos);
		if (!res->klp_name[i])
			return -1;
	}
	return 0;
}

static int edit_symbol(void *ctx, uint32_t i, struct elf_writer_symbol *out)
{
	struct resolution *res = ctx;

	if (!res->klp_name[i])
		return 0;
	out->name = res->klp_name[i];
	out->bind = STB_GLOBAL;
	out->type = STT_NOTYPE;
	return 0;
}

/* ---- entries -------------------------------------------------------- */

/* The function a unit of a checked section describes, or NULL. */
static const char *described(const struct checked_file *cf, uint32_t sec,
			     const struct section_relocs *relocs,
			     uint64_t start, uint64_t end)
{
	const struct elf_view *v = &cf->view;
	uint64_t k;

	for (k = section_reloc_first(relocs, start);
	     k < relocs->count && relocs->items[k].offset < end; k++) {
		struct elf_reloc rel;
		struct target t;

		elf_reloc_read(v, &v->sections[relocs->items[k].relsec],
			       relocs->items[k].index, &rel);
		t = resolve_reloc(v, &cf->functions, &v->sections[sec], &rel);
		if (t.func)
			return elf_sym(v, t.func).name;
	}
	return NULL;
}

/* The unit of checked section sec holding offset: an entry, or a slice. */
static void unit_bounds(const struct checked_file *cf, uint32_t sec,
			uint64_t offset, uint64_t *start, uint64_t *end)
{
	const struct elf_section *s = &cf->view.sections[sec];
	uint64_t n, u;
	const struct entry *e = section_entries(&cf->table, sec, &n);

	if (n) {
		u = entries_lower_bound(e, n, offset + 1);
		u = u ? u - 1 : 0;
		*start = e[u].offset;
		*end = e[u].offset + e[u].size;
	} else {
		uint64_t size = s->entsize ? s->entsize : s->size;

		*start = size ? offset - offset % size : 0;
		*end = *start + size;
	}
}

/*
 * The function an entry belongs to: the one it describes, or, for code
 * that describes none (a replacement), the one described by an entry of
 * another section that points into it (its alternative). NULL if none.
 */
static const char *owner(const struct checked_file *cf, uint32_t sec,
			 const struct section_relocs *relocs, uint64_t start,
			 uint64_t end)
{
	const struct elf_view *v = &cf->view;
	const char *func = described(cf, sec, relocs, start, end);
	struct section_relocs other;
	uint32_t from;
	uint64_t k, s, e;

	for (from = 1; !func && from < v->shnum; from++) {
		if (from == sec || cf->table.rules[from].kind == SECTION_UNCHECKED ||
		    section_relocs_collect(&other, v, from))
			continue;
		for (k = 0; k < other.count && !func; k++) {
			struct elf_reloc rel;
			struct target t;

			elf_reloc_read(v, &v->sections[other.items[k].relsec],
				       other.items[k].index, &rel);
			t = reloc_target(v, &v->sections[from], &rel);
			if (t.sec != sec || t.offset < start ||
			    (t.offset >= end && t.offset != start))
				continue;
			unit_bounds(cf, from, other.items[k].offset, &s, &e);
			func = described(cf, from, &other, s, e);
		}
		section_relocs_free(&other);
	}
	return func;
}

/* A reference livepatch resolves only when the patched module loads. */
static int is_deferred(const struct resolution *res, uint32_t sym)
{
	size_t k = res->ref_of[sym];

	return k && !is_vmlinux(res) && res->answer[k - 1] == LIVEPATCH_OBJECT;
}

/* Entry [start, end) of section sec refers to a deferred symbol: refused. */
static void refuse_entry(struct resolution *res, const struct checked_file *cf,
			 uint32_t sec, const struct section_relocs *relocs,
			 uint64_t start, uint64_t end, uint32_t sym)
{
	const char *func = owner(cf, sec, relocs, start, end);
	const char *name = res->refs[res->ref_of[sym] - 1].name;

	report_clean(stderr, res->in->path);
	fputs(": cannot patch: ", stderr);
	if (func)
		report_clean(stderr, func);
	else
		fprintf(stderr, "%s+0x%llx", cf->view.sections[sec].name,
			(unsigned long long)start);
	fputs(": an entry of its code refers to ", stderr);
	report_clean(stderr, name);
	fprintf(stderr, " in %s, which livepatch can resolve only once %s loads, after the module loader has applied the entry (for a static branch, test static_key_enabled() instead)\n",
		res->object, res->object);
	report_errors++;
}

/* Each unit of a checked section; the entries, or sh_entsize slices. */
static int check_section_entries(struct resolution *res,
				 const struct checked_file *cf, uint32_t sec)
{
	const struct elf_view *v = &cf->view;
	struct section_relocs relocs;
	uint64_t k, refused_end = 0;
	int bad = 0;

	if (section_relocs_collect(&relocs, v, sec))
		return -1;
	for (k = 0; k < relocs.count; k++) {
		const struct placed_reloc *pr = &relocs.items[k];
		uint64_t start, end;
		struct elf_reloc rel;

		elf_reloc_read(v, &v->sections[pr->relsec], pr->index, &rel);
		if (!rel.sym || rel.sym >= v->nsyms || !is_deferred(res, rel.sym) ||
		    pr->offset < refused_end)
			continue;
		unit_bounds(cf, sec, pr->offset, &start, &end);
		refuse_entry(res, cf, sec, &relocs, start, end, rel.sym);
		refused_end = end;
		bad = 1;
	}
	section_relocs_free(&relocs);
	return bad;
}

static int check_entries(struct resolution *res, const struct input *in)
{
	struct checked_file cf;
	enum verdict verdict = check_image(&cf, in->path, in->image, in->size);
	uint32_t sec;
	int bad = 0, ret;

	if (verdict == VERDICT_UNUSABLE)
		return 2;
	if (verdict == VERDICT_VIOLATIONS) {
		report_error(&cf.view, NULL, 0, "does not verify clean: its entries cannot be told apart");
		checked_file_close(&cf);
		return 1;
	}
	/* The functions the entries describe, named in the refusals. */
	if (!cf.functions.first && function_index_build(&cf.functions, &cf.view)) {
		checked_file_close(&cf);
		return -1;
	}
	for (sec = 1; sec < cf.view.shnum; sec++) {
		if (cf.table.rules[sec].kind == SECTION_UNCHECKED)
			continue;
		ret = check_section_entries(res, &cf, sec);
		if (ret < 0) {
			checked_file_close(&cf);
			return -1;
		}
		bad |= ret;
	}
	checked_file_close(&cf);
	return bad;
}

/* ---- the functions to patch ----------------------------------------- */

/* Each --patch name: a function here, and the original it replaces. */
static int find_originals(struct resolution *res, const struct elf_view *object)
{
	const struct name_list *p = &res->r->patch;
	struct file_match match;
	size_t k;
	int bad = 0;

	res->olds = calloc(p->n + 1, sizeof(*res->olds));
	if (!res->olds)
		return -1;
	for (k = 0; k < p->n; k++)
		res->olds[k] = (struct vmlinux_ref){
			p->names[k], patched_file_defines(&res->file, p->names[k]),
			0, 0, 0 };
	if (sympos_resolve(object, &res->file, res->olds, p->n, &match,
			   is_vmlinux(res) ? BY_ADDRESS : BY_SYMBOL_TABLE))
		return -1;
	for (k = 0; k < p->n; k++) {
		if (res->olds[k].found)
			continue;
		report_clean(stderr, res->in->path);
		fputs(": cannot patch: ", stderr);
		report_clean(stderr, p->names[k]);
		fprintf(stderr, ": %s has no such function%s\n", res->object,
			res->olds[k].local ? " in that file" : "");
		report_errors++;
		bad = 1;
	}
	return bad;
}

static const char *alias_prefix(const struct resolution *res)
{
	return res->r->alias_prefix ? res->r->alias_prefix : "__klp_new_";
}

/* A global symbol of the output for the glue: name, where, how big. */
static int add_glue_symbol(struct rewrite *rw, char *name, uint32_t sec,
			   uint64_t value, unsigned char type)
{
	struct elf_writer_symbol s = {
		name, value, 0, type, STB_GLOBAL, STV_DEFAULT,
		rw->sec_out[sec], 0 };

	return elf_writer_add_symbol(rw->w, &s) ? 0 : -1;
}

static char *glue_symbol_name(const struct resolution *res, const char *what,
			      size_t k)
{
	int n = snprintf(NULL, 0, "%s%s%zu", alias_prefix(res), what, k);
	char *s = malloc(n + 1);

	if (s)
		snprintf(s, n + 1, "%s%s%zu", alias_prefix(res), what, k);
	return s;
}

/*
 * Symbols at the start and the end of each table the glue applies at
 * load: the module's link merges the tables of all parts, and each
 * part's glue lines must find its own.
 */
static int add_brackets(struct resolution *res, struct rewrite *rw)
{
	const struct name_list *a = &res->r->at_load;
	const struct elf_view *v = res->in;
	size_t k;
	uint32_t sec;

	res->bracket = calloc(2 * a->n + 1, sizeof(*res->bracket));
	if (!res->bracket)
		return -1;
	for (k = 0; k < a->n; k++) {
		char *name = at_load_part(a->names[k], 0);

		if (!name)
			return -1;
		for (sec = 1; sec < v->shnum; sec++)
			if (rw->sec_out[sec] && !strcmp(v->sections[sec].name, name))
				break;
		if (sec == v->shnum) {
			report_error(v, NULL, 0, "%s: no such section to apply at load", name);
			free(name);
			return 1;
		}
		free(name);
		res->bracket[2 * k] = glue_symbol_name(res, "start_", k);
		res->bracket[2 * k + 1] = glue_symbol_name(res, "stop_", k);
		if (!res->bracket[2 * k] || !res->bracket[2 * k + 1] ||
		    add_glue_symbol(rw, res->bracket[2 * k], sec, 0, STT_OBJECT) ||
		    add_glue_symbol(rw, res->bracket[2 * k + 1], sec,
				    v->sections[sec].size, STT_OBJECT))
			return -1;
	}
	return 0;
}

/* A global alias for each function to patch, and the glue's brackets. */
static int add_aliases(void *ctx, struct rewrite *rw)
{
	struct resolution *res = ctx;
	const struct name_list *p = &res->r->patch;
	const struct elf_view *v = res->in;
	const char *prefix = alias_prefix(res);
	size_t k;
	uint32_t i;
	int ret = add_brackets(res, rw);

	if (ret)
		return ret;
	res->alias = calloc(p->n + 1, sizeof(*res->alias));
	if (!res->alias)
		return -1;
	for (k = 0; k < p->n; k++) {
		for (i = 1; i < v->nsyms; i++) {
			const struct elf_symbol s = elf_sym(v, i);

			if (s.type == STT_FUNC && s.shndx != SHN_UNDEF &&
			    s.shndx < v->shnum && !strcmp(s.name, p->names[k]))
				break;
		}
		if (i == v->nsyms) {
			report_error(v, NULL, 0, "%s is no function defined here: nothing to patch it with",
				     p->names[k]);
			return 1;
		} else {
			const struct elf_symbol s = elf_sym(v, i);
			int n = snprintf(NULL, 0, "%s%zu", prefix, k);
			struct elf_writer_symbol alias = {
				NULL, s.value, s.size, STT_FUNC, STB_GLOBAL,
				STV_DEFAULT, rw->sec_out[s.shndx], 0 };

			res->alias[k] = malloc(n + 1);
			if (!res->alias[k])
				return -1;
			snprintf(res->alias[k], n + 1, "%s%zu", prefix, k);
			alias.name = res->alias[k];
			if (!elf_writer_add_symbol(rw->w, &alias))
				return -1;
		}
	}
	return 0;
}

/* What the glue calls glue name k: its livepatch symbol, or itself. */
static const char *glue_ref(const struct resolution *res, size_t k)
{
	return res->glue_answer[k] ? res->glue_answer[k] : res->glue_names[k];
}

/*
 * "func OBJECT OLD_NAME SYMPOS ALIAS", one line per function to patch;
 * "bind OBJECT NAME REF" and "at-load OBJECT WIDTH START STOP REF".
 */
static int write_glue(const struct resolution *res, const char *path)
{
	const struct resolve_request *r = res->r;
	FILE *f = fopen(path, "w");
	size_t k;

	if (!f) {
		report_unusable(path, "cannot create");
		return 2;
	}
	for (k = 0; k < r->patch.n; k++)
		fprintf(f, "func %s %s %lu %s\n", res->object,
			r->patch.names[k], res->olds[k].pos, res->alias[k]);
	for (k = 0; k < r->bind.n; k++)
		fprintf(f, "bind %s %s %s\n", res->object, r->bind.names[k],
			glue_ref(res, k));
	for (k = 0; k < r->at_load.n; k++) {
		char *width = at_load_part(r->at_load.names[k], 1);

		if (!width) {
			fclose(f);
			return -1;
		}
		fprintf(f, "at-load %s %s %s %s %s\n", res->object, width,
			res->bracket[2 * k], res->bracket[2 * k + 1],
			glue_ref(res, r->bind.n + k));
		free(width);
	}
	if (fclose(f)) {
		report_unusable(path, "cannot write");
		remove(path);
		return 2;
	}
	return 0;
}

static int write_klp_symvers(const struct resolution *res, const char *path)
{
	char *tmp = malloc(strlen(path) + 5);
	FILE *f;
	uint32_t i;
	int bad = 0;

	if (!tmp)
		return -1;
	sprintf(tmp, "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f) {
		report_unusable(path, "cannot create");
		free(tmp);
		return 2;
	}
	/* Owned by vmlinux for modpost: no dependency on a patched module. */
	for (i = 1; i < res->in->nsyms; i++)
		if (res->klp_name[i])
			bad |= symvers_put(f, res->klp_name[i], KLP_VMLINUX);
	for (i = 0; i < res->nglue; i++)
		if (res->glue_answer[i])
			bad |= symvers_put(f, res->glue_answer[i], KLP_VMLINUX);
	if (fclose(f) || bad || rename(tmp, path)) {
		report_unusable(path, "cannot write");
		remove(tmp);
		bad = 2;
	}
	free(tmp);
	return bad;
}

static const struct rewrite_ops resolve_ops = { edit_symbol, NULL, add_aliases };

static int run(struct resolution *res, struct input *in, struct input *orig,
	       struct input *object, struct input *vmlinux)
{
	const struct resolve_request *r = res->r;
	struct elf_writer *w = NULL;
	int ret;

	ret = symvers_load(&res->symvers, r->symvers);
	if (ret)
		return ret < 0 ? -1 : 2;
	if (patched_file_read(&res->file, &orig->view) || collect_refs(res) ||
	    answer_refs(res, &object->view, &vmlinux->view))
		return -1;
	ret = check_answers(res);
	if (!ret)
		ret = find_originals(res, &object->view);
	if (ret)
		return ret;
	if (name_refs(res))
		return -1;
	ret = check_entries(res, in);
	if (ret)
		return ret;
	ret = rewrite_object(&in->view, &resolve_ops, res, &w);
	if (!ret && elf_writer_write(w, r->out)) {
		report_unusable(r->out, "%s", elf_writer_error(w));
		ret = 2;
	}
	elf_writer_free(w);
	if (!ret && r->klp_symvers)
		ret = write_klp_symvers(res, r->klp_symvers);
	if (!ret && r->glue)
		ret = write_glue(res, r->glue);
	return ret;
}

int resolve(const struct resolve_request *r)
{
	struct input in = { 0 }, orig = { 0 }, vmlinux = { 0 }, module = { 0 };
	struct input *object = &vmlinux;
	struct resolution res = { 0 };
	uint32_t i;
	size_t k;
	int ret;

	res.r = r;
	res.object = r->object ? r->object : KLP_VMLINUX;
	ret = input_open(&in, r->in, ET_REL);
	if (!ret)
		ret = input_open(&orig, r->orig, ET_REL);
	if (!ret)
		ret = input_open(&vmlinux, r->vmlinux, ET_EXEC);
	if (!ret && r->object_elf) {
		ret = input_open(&module, r->object_elf, ET_REL);
		object = &module;
	}
	if (!ret && (input_is(&in, r->out) || input_is(&orig, r->out) ||
		     input_is(&vmlinux, r->out) ||
		     (r->object_elf && input_is(&module, r->out)))) {
		report_unusable(r->out, "is an input file; not replacing it");
		ret = 2;
	}
	if (!ret) {
		res.in = &in.view;
		ret = run(&res, &in, &orig, object, &vmlinux);
		if (ret < 0) {
			report_unusable(r->in, "out of memory");
			ret = 2;
		}
	}
	for (i = 0; res.klp_name && i < in.view.nsyms; i++)
		free(res.klp_name[i]);
	for (k = 0; res.alias && k < r->patch.n; k++)
		free(res.alias[k]);
	free(res.alias);
	for (k = 0; res.glue_answer && k < res.nglue; k++)
		free(res.glue_answer[k]);
	for (k = r->bind.n; res.glue_names && k < res.nglue; k++)
		free((char *)res.glue_names[k]);
	for (k = 0; res.bracket && k < 2 * r->at_load.n; k++)
		free(res.bracket[k]);
	free(res.bracket);
	free(res.glue_names);
	free(res.glue_ref);
	free(res.glue_answer);
	free(res.klp_name);
	free(res.refs);
	free(res.answer);
	free(res.ref_of);
	free(res.olds);
	patched_file_free(&res.file);
	symvers_free(&res.symvers);
	input_close(&module);
	input_close(&vmlinux);
	input_close(&orig);
	input_close(&in);
	return ret;
}
