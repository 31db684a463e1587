// SPDX-License-Identifier: GPL-2.0
/*
 * extract_special_syms: copy functions out of an object together with the
 * special-section entries that belong to them, found through their entry
 * symbols alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../elf/diagnostics.h"
#include "../elf/input.h"
#include "../elf/options.h"
#include "../verify/check.h"
#include "../verify/policy.h"
#include "account.h"
#include "carriage.h"
#include "changed.h"
#include "extract.h"

static const char usage[] =
"usage: extract_special_syms -o OUT --functions NAME[,NAME...] [options] IN\n"
"       extract_special_syms -o OUT --changed ORIG [options] IN\n"
"       extract_special_syms --rules FILE...\n"
"\n"
"Write the named functions of the relocatable object IN, their cold parts\n"
"and every special-section entry that belongs to them into the new object\n"
"OUT. IN must verify clean (the verifier's rules run first). A section\n"
"that points into the copied code is carried, dropped or refused by its\n"
"row of the carriage table; one no row names is refused.\n"
"\n"
"  -v                        list what is dropped, and why, on stdout\n"
"  --rules FILE...           for each section of each FILE that points into\n"
"                            code, the row that decides it; nothing written\n"
"  -o OUT                    the object to write (replaced at the end)\n"
"  --functions NAME[,NAME..] the functions to extract\n"
"  --changed ORIG            also those whose code or relocations differ\n"
"                            from ORIG's (IN's source without the patch),\n"
"                            or that ORIG lacks; listed on stdout\n"
"  --linked FILE             with --changed: a linked object IN is part of\n"
"                            (vmlinux.o, a module's .ko), searched for the\n"
"                            callers of a changed global function without\n"
"                            an ftrace entry call; repeatable\n"
"  --data NAME[,NAME...]     data objects to copy along (their bytes)\n"
"  --section NAME[=SIZE]     also check section NAME (entries of SIZE bytes)\n"
"  -h, --help                this text\n"
"\n"
"Exit status: 0 OUT written, 1 a function cannot be extracted, IN does\n"
"not verify clean, a section pointing into the copied code is refused or\n"
"no function differs from ORIG, 2 usage error, unreadable or malformed IN\n"
"or ORIG, OUT not writable. --rules: 0, 1 a FILE does not verify clean,\n"
"2 a FILE cannot be read.\n";

struct request {
	const char *in, *out;
	const char *orig;	/* --changed */
	struct name_list functions, data;
	struct name_list linked;	/* --linked FILE, repeated */
	struct name_list rules;	/* --rules FILE... */
	int verbose;
};

static int bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "extract_special_syms: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage);
	return VERDICT_UNUSABLE;
}

static int parse(int argc, char **argv, struct request *r)
{
	const char *value;
	int i;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(usage, stdout);
			exit(0);
		} else if (!strcmp(arg, "-v")) {
			r->verbose = 1;
		} else if (!strcmp(arg, "--rules")) {
			for (i++; i < argc; i++)
				if (add_name(&r->rules, argv[i]))
					return bad_usage("out of memory%s", "");
			if (!r->rules.n)
				return bad_usage("--rules needs FILE...%s", "");
			return 0;
		} else if (option_value(argv, &i, "-o", &value)) {
			if (!*value || r->out)
				return bad_usage("-o needs one OUT%s", "");
			r->out = value;
		} else if (option_value(argv, &i, "--functions", &value)) {
			if (!*value || add_names(&r->functions, value))
				return bad_usage("--functions needs NAME[,NAME...]%s", "");
		} else if (option_value(argv, &i, "--changed", &value)) {
			if (!*value || r->orig)
				return bad_usage("--changed needs one ORIG%s", "");
			r->orig = value;
		} else if (option_value(argv, &i, "--linked", &value)) {
			if (!*value || add_name(&r->linked, value))
				return bad_usage("--linked needs FILE%s", "");
		} else if (option_value(argv, &i, "--data", &value)) {
			if (!*value || add_names(&r->data, value))
				return bad_usage("--data needs NAME[,NAME...]%s", "");
		} else if (option_value(argv, &i, "--section", &value)) {
			if (!*value || policy_add(value))
				return bad_usage("bad --section argument '%s'", value);
		} else if (arg[0] == '-' && arg[1]) {
			return bad_usage("unknown option '%s'", arg);
		} else if (r->in) {
			return bad_usage("one input file only, got '%s' too", arg);
		} else {
			r->in = arg;
		}
	}
	if (!r->in)
		return bad_usage("no input file%s", "");
	if (!r->out)
		return bad_usage("no output file (-o OUT)%s", "");
	if (!r->functions.n && !r->orig)
		return bad_usage("no functions (--functions or --changed)%s", "");
	if (r->linked.n && !r->orig)
		return bad_usage("--linked goes with --changed%s", "");
	return 0;
}

/* Which input OUT would replace, or NULL. */
static const char *replaced_input(const struct request *r, const struct input *in)
{
	struct stat orig;

	if (input_is(in, r->out))
		return "the input file";
	if (r->orig && !stat(r->orig, &orig) && replaces_input(r->out, &orig))
		return "the original (--changed)";
	return NULL;
}

/* What --changed found and the extraction copied, for stdout. */
struct listing {
	struct name_list patch, functions, data, at_load;
};

static int by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "IN: WHAT: a, b", sorted, each name once, those in skip left out. */
static void print_names(const char *path, const char *what,
			struct name_list *l, const struct name_list *skip)
{
	size_t k, j, shown = 0;

	if (l->n > 1)
		qsort(l->names, l->n, sizeof(*l->names), by_string);
	for (k = 0; k < l->n; k++) {
		if (k && !strcmp(l->names[k], l->names[k - 1]))
			continue;
		for (j = 0; skip && j < skip->n; j++)
			if (!strcmp(skip->names[j], l->names[k]))
				break;
		if (skip && j < skip->n)
			continue;
		if (!shown++) {
			report_clean(stdout, path);
			printf(": %s: ", what);
		} else {
			fputs(", ", stdout);
		}
		report_clean(stdout, l->names[k]);
	}
	if (shown)
		putchar('\n');
}

/*
 * "IN: at load: SECTION WIDTH VARIABLE, ...": the tables the module's glue
 * applies, how, and with which running variable's value.
 */
static void print_at_load(const char *path, struct name_list *l)
{
	const char *width, *variable;
	size_t k, shown = 0;

	if (l->n > 1)
		qsort(l->names, l->n, sizeof(*l->names), by_string);
	for (k = 0; k < l->n; k++) {
		if ((k && !strcmp(l->names[k], l->names[k - 1])) ||
		    carriage_at_load(l->names[k], &width, &variable))
			continue;
		if (!shown++) {
			report_clean(stdout, path);
			fputs(": at load: ", stdout);
		} else {
			fputs(", ", stdout);
		}
		report_clean(stdout, l->names[k]);
		printf(" %s ", width);
		report_clean(stdout, variable);
	}
	if (shown)
		putchar('\n');
}

static int add_all(struct name_list *to, const struct name_list *from)
{
	size_t k;

	for (k = 0; k < from->n; k++)
		if (add_name(to, from->names[k]))
			return -1;
	return 0;
}

/* The named functions and, with --changed, what the patch changed. */
static enum verdict extract_checked(struct request *r,
				    const struct checked_file *cf,
				    struct elf_writer **w, struct listing *out)
{
	struct change_set cs = { 0 };
	struct name_list functions = { 0 }, data = { 0 };
	struct extract_roots roots = { 0 };
	enum verdict verdict = VERDICT_UNUSABLE;

	if (r->orig) {
		verdict = find_changed(cf, r->orig, &r->linked, &cs);
		if (verdict != VERDICT_CLEAN)
			goto out;
		if (!cs.functions.n && !cs.data.n && !r->functions.n) {
			report_error(&cf->view, NULL, 0,
				     "no function differs from %s and nothing new is global: nothing to extract",
				     r->orig);
			verdict = VERDICT_VIOLATIONS;
			goto out;
		}
	}
	verdict = VERDICT_UNUSABLE;
	if (add_all(&functions, &r->functions) || add_all(&functions, &cs.functions) ||
	    add_all(&data, &r->data) || add_all(&data, &cs.data) ||
	    add_all(&out->patch, &cs.patch)) {
		report_unusable(r->in, "out of memory");
		goto out;
	}
	roots = (struct extract_roots){ functions.names, functions.n,
					data.names, data.n, cs.carry,
					(const char *const *)cs.rename,
					&out->functions, &out->data, &out->at_load,
					r->verbose ? stdout : NULL };
	verdict = extract_functions(cf, &roots, w);
	if (verdict == VERDICT_CLEAN && r->orig)
		verdict = check_copied(&cf->view, &out->functions);
out:
	free(functions.names);
	free(data.names);
	change_set_free(&cs, cf->view.nsyms);
	return verdict;
}

static enum verdict extract_path(struct request *r)
{
	struct checked_file cf;
	struct elf_writer *w = NULL;
	struct listing found = { { 0 }, { 0 }, { 0 }, { 0 } };
	enum verdict verdict;
	struct input in;
	const char *replaced;

	/* check_image() opens the view: the input is only mapped here. */
	if (input_map(&in, r->in))
		return VERDICT_UNUSABLE;
	replaced = replaced_input(r, &in);
	if (replaced) {
		report_unusable(r->out, "is %s; not replacing it", replaced);
		input_close(&in);
		return VERDICT_UNUSABLE;
	}
	verdict = check_image(&cf, in.path, in.image, in.size);
	if (verdict == VERDICT_UNUSABLE)
		goto unmap;
	if (verdict == VERDICT_VIOLATIONS)
		report_error(&cf.view, NULL, 0, "does not verify clean: nothing extracted");
	else
		verdict = extract_checked(r, &cf, &w, &found);
	if (verdict == VERDICT_CLEAN && elf_writer_write(w, r->out)) {
		report_unusable(r->out, "%s", elf_writer_error(w));
		verdict = VERDICT_UNUSABLE;
	}
	if (verdict == VERDICT_CLEAN && r->orig) {
		print_names(r->in, "changed", &found.patch, NULL);
		print_names(r->in, "new", &found.functions, &found.patch);
		print_names(r->in, "data", &found.data, NULL);
	}
	if (verdict == VERDICT_CLEAN && (r->orig || r->verbose))
		print_at_load(r->in, &found.at_load);
	free(found.patch.names);
	free(found.functions.names);
	free(found.data.names);
	free(found.at_load.names);
	elf_writer_free(w);
	checked_file_close(&cf);
unmap:
	input_close(&in);
	return verdict;
}

/* --rules: the carriage table's decision for each file's sections. */
static enum verdict list_rules(const struct name_list *files)
{
	enum verdict worst = VERDICT_CLEAN;
	size_t k;

	for (k = 0; k < files->n; k++) {
		struct checked_file cf;
		enum verdict verdict;
		struct input in;

		if (input_map(&in, files->names[k])) {
			worst = VERDICT_UNUSABLE;
			continue;
		}
		verdict = check_image(&cf, in.path, in.image, in.size);
		if (verdict != VERDICT_UNUSABLE) {
			if (verdict == VERDICT_VIOLATIONS) {
				report_error(&cf.view, NULL, 0, "does not verify clean: its tables cannot be cut into entries");
			} else if (account_sections(&cf, stdout)) {
				report_unusable(in.path, "out of memory");
				verdict = VERDICT_UNUSABLE;
			}
			checked_file_close(&cf);
		}
		input_close(&in);
		if (verdict > worst)
			worst = verdict;
	}
	return worst;
}

int main(int argc, char **argv)
{
	/* Static: the name lists live until exit, and leak checkers see them. */
	static struct request r;
	int status = parse(argc, argv, &r);

	if (status)
		return status;
	if (r.rules.n)
		return list_rules(&r.rules);
	/* The verifier's rules first; their diagnostics are the reasons. */
	return extract_path(&r);
}
