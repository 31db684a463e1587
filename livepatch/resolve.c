// SPDX-License-Identifier: GPL-2.0
/*
 * resolve: every undefined reference of the extracted object, by the
 * rule a livepatch for vmlinux follows. A local of the patched file that
 * vmlinux has for that file, or a global vmlinux has but does not
 * export, is referred to as ".klp.sym.vmlinux.NAME,POS"; what vmlinux
 * exports stays an ordinary reference, which the module loader resolves;
 * a local vmlinux lacks is new and must be in the module itself.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../elf/diagnostics.h"
#include "../elf/input.h"
#include "klp_module.h"
#include "rewrite.h"
#include "sympos.h"
#include "symvers.h"

struct resolution {
	const struct resolve_request *r;
	const struct elf_view *in, *patched;
	struct symvers symvers;
	struct patched_file file;
	struct file_match match;
	struct vmlinux_ref *refs;	/* the references to answer */
	uint32_t *ref_of;		/* per input symbol: ref + 1, or 0 */
	size_t nrefs;
	char **klp_name;		/* per input symbol: its livepatch name */
};

static int is_reference(const struct elf_view *v, uint32_t i)
{
	const struct elf_symbol s = elf_sym(v, i);

	return s.fault == SYM_OK && *s.name && raw_shndx(v, i) == SHN_UNDEF &&
	       s.type != STT_SECTION && s.type != STT_FILE;
}

/* The references vmlinux must answer: all but the exported globals. */
static int collect_refs(struct resolution *res)
{
	const struct elf_view *v = res->in;
	uint32_t i;

	res->refs = calloc(v->nsyms + 1, sizeof(*res->refs));
	res->ref_of = calloc(v->nsyms + 1, sizeof(*res->ref_of));
	res->klp_name = calloc(v->nsyms + 1, sizeof(*res->klp_name));
	if (!res->refs || !res->ref_of || !res->klp_name)
		return -1;
	for (i = 1; i < v->nsyms; i++) {
		const struct elf_symbol s = elf_sym(v, i);
		int local;

		if (!is_reference(v, i))
			continue;
		/* The file's own static shadows any export of that name. */
		local = patched_file_defines(&res->file, s.name);
		if (!local && symvers_exports(&res->symvers, s.name))
			continue;
		res->refs[res->nrefs] = (struct vmlinux_ref){ s.name, local, 0, 0, 0 };
		res->ref_of[i] = ++res->nrefs;
	}
	return 0;
}

/* What the patched object's symbol of that name is: function or data. */
static const char *kind_of(const struct elf_view *patched, const char *name)
{
	uint32_t i;

	for (i = 1; i < patched->nsyms; i++) {
		const struct elf_symbol s = elf_sym(patched, i);

		if (s.bind == STB_LOCAL && s.shndx != SHN_UNDEF &&
		    !strcmp(s.name, name))
			return s.type == STT_FUNC ? "function" : "data";
	}
	return "data";
}

/* 0 when every reference has its answer; 1 after diagnosing those without. */
static int check_answers(struct resolution *res)
{
	const struct elf_view *v = res->in;
	int bad = 0;
	size_t k;

	if (res->match.tie) {
		for (k = 0; k < res->nrefs && !res->refs[k].local; k++)
			;
		if (k < res->nrefs) {
			report_error(v, NULL, 0, "%u symbol groups of %s in %s hold %llu of %s's locals each: cannot tell which is its file",
				     res->match.groups, res->file.name,
				     res->r->vmlinux,
				     (unsigned long long)res->match.score,
				     res->r->patched);
			return 1;
		}
	}
	for (k = 0; k < res->nrefs; k++) {
		const struct vmlinux_ref *ref = &res->refs[k];

		if (ref->found)
			continue;
		bad = 1;
		if (ref->local)
			report_error(v, NULL, 0, "%s is new: %s defines it, %s has none for %s; extract it too (%s %s)",
				     ref->name, res->r->patched, res->r->vmlinux,
				     res->file.name,
				     kind_of(res->patched, ref->name),
				     ref->name);
		else
			report_error(v, NULL, 0, "%s is neither exported (%s) nor defined in %s",
				     ref->name, res->r->symvers, res->r->vmlinux);
	}
	return bad;
}

static void list_new(const struct resolution *res)
{
	size_t k;

	for (k = 0; k < res->nrefs; k++)
		if (res->refs[k].local && !res->refs[k].found)
			printf("%s %s\n", kind_of(res->patched, res->refs[k].name),
			       res->refs[k].name);
}

static int is_global_wanted(const struct resolve_request *r, const char *name)
{
	size_t k;

	for (k = 0; k < r->globals.n; k++)
		if (!strcmp(r->globals.names[k], name))
			return 1;
	return 0;
}

static int edit_symbol(void *ctx, uint32_t i, struct elf_writer_symbol *out)
{
	struct resolution *res = ctx;
	const struct vmlinux_ref *ref;
	char *name;
	int n;

	if (out->section && is_global_wanted(res->r, out->name)) {
		out->bind = STB_GLOBAL;
		return 0;
	}
	if (!res->ref_of[i])
		return 0;
	ref = &res->refs[res->ref_of[i] - 1];
	n = snprintf(NULL, 0, KLP_SYM_PREFIX KLP_OBJECT ".%s,%lu", ref->name,
		     ref->pos);
	name = malloc(n + 1);
	if (!name)
		return -1;
	snprintf(name, n + 1, KLP_SYM_PREFIX KLP_OBJECT ".%s,%lu", ref->name,
		 ref->pos);
	res->klp_name[i] = name;
	out->name = name;
	out->bind = STB_GLOBAL;
	out->type = STT_NOTYPE;
	return 0;
}

/* Each --global name must be a function or object the input defines. */
static int check_globals(const struct resolution *res)
{
	const struct elf_view *v = res->in;
	int bad = 0;
	size_t k;
	uint32_t i;

	for (k = 0; k < res->r->globals.n; k++) {
		for (i = 1; i < v->nsyms; i++) {
			const struct elf_symbol s = elf_sym(v, i);

			if (s.shndx != SHN_UNDEF && s.type != STT_SECTION &&
			    !strcmp(s.name, res->r->globals.names[k]))
				break;
		}
		if (i == v->nsyms) {
			report_error(v, NULL, 0, "%s is not defined here: cannot make it global",
				     res->r->globals.names[k]);
			bad = 1;
		}
	}
	return bad;
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
	for (i = 1; i < res->in->nsyms; i++)
		if (res->klp_name[i])
			bad |= symvers_put(f, res->klp_name[i], KLP_OBJECT);
	if (fclose(f) || bad || rename(tmp, path)) {
		report_unusable(path, "cannot write");
		remove(tmp);
		bad = 2;
	}
	free(tmp);
	return bad;
}

static const struct rewrite_ops resolve_ops = { edit_symbol, NULL };

static int run(struct resolution *res, struct input *in, struct input *patched,
	       struct input *vmlinux)
{
	const struct resolve_request *r = res->r;
	struct elf_writer *w = NULL;
	int ret;

	ret = symvers_load(&res->symvers, r->symvers);
	if (ret)
		return ret < 0 ? -1 : 2;
	if (patched_file_read(&res->file, &patched->view) || collect_refs(res) ||
	    sympos_resolve(&vmlinux->view, &res->file, res->refs, res->nrefs,
			   &res->match))
		return -1;
	if (r->list_new) {
		list_new(res);
		return 0;
	}
	if (check_answers(res) | check_globals(res))
		return 1;
	ret = rewrite_object(&in->view, &resolve_ops, res, &w);
	if (ret)
		return ret;
	if (elf_writer_write(w, r->out)) {
		report_unusable(r->out, "%s", elf_writer_error(w));
		ret = 2;
	}
	elf_writer_free(w);
	if (!ret && r->klp_symvers)
		ret = write_klp_symvers(res, r->klp_symvers);
	return ret;
}

int resolve(const struct resolve_request *r)
{
	struct input in = { 0 }, patched = { 0 }, vmlinux = { 0 };
	struct resolution res = { 0 };
	uint32_t i;
	int ret;

	res.r = r;
	ret = input_open(&in, r->in, ET_REL);
	if (!ret)
		ret = input_open(&patched, r->patched, ET_REL);
	if (!ret)
		ret = input_open(&vmlinux, r->vmlinux, ET_EXEC);
	if (!ret && r->out && (input_is(&in, r->out) || input_is(&patched, r->out) ||
			       input_is(&vmlinux, r->out))) {
		report_unusable(r->out, "is an input file; not replacing it");
		ret = 2;
	}
	if (!ret) {
		res.in = &in.view;
		res.patched = &patched.view;
		ret = run(&res, &in, &patched, &vmlinux);
		if (ret < 0) {
			report_unusable(r->in, "out of memory");
			ret = 2;
		}
	}
	for (i = 0; res.klp_name && i < in.view.nsyms; i++)
		free(res.klp_name[i]);
	free(res.klp_name);
	free(res.refs);
	free(res.ref_of);
	patched_file_free(&res.file);
	symvers_free(&res.symvers);
	input_close(&vmlinux);
	input_close(&patched);
	input_close(&in);
	return ret;
}
