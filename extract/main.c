// SPDX-License-Identifier: GPL-2.0
/*
 * extract_special_syms: copy functions out of an object together with the
 * special-section entries that belong to them, found through their entry
 * symbols alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "../verify/check.h"
#include "../verify/policy.h"
#include "../verify/report.h"
#include "extract.h"
#include "input.h"
#include "options.h"

static const char usage[] =
"usage: extract_special_syms -o OUT --functions NAME[,NAME...] [options] IN\n"
"\n"
"Write the named functions of the relocatable object IN, their cold parts\n"
"and every special-section entry that belongs to them into the new object\n"
"OUT. IN must verify clean (the verifier's rules run first).\n"
"\n"
"  -o OUT                    the object to write (replaced at the end)\n"
"  --functions NAME[,NAME..] the functions to extract\n"
"  --data NAME[,NAME...]     data objects to copy along (their bytes)\n"
"  --section NAME[=SIZE]     also check section NAME (entries of SIZE bytes)\n"
"  -h, --help                this text\n"
"\n"
"Exit status: 0 OUT written, 1 a function cannot be extracted or IN does\n"
"not verify clean, 2 usage error, unreadable or malformed IN, OUT not\n"
"writable.\n";

struct request {
	const char *in, *out;
	struct name_list functions, data;
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
		} else if (option_value(argv, &i, "-o", &value)) {
			if (!*value || r->out)
				return bad_usage("-o needs one OUT%s", "");
			r->out = value;
		} else if (option_value(argv, &i, "--functions", &value)) {
			if (!*value || add_names(&r->functions, value))
				return bad_usage("--functions needs NAME[,NAME...]%s", "");
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
	if (!r->functions.n)
		return bad_usage("no functions (--functions NAME[,NAME...])%s", "");
	return 0;
}

static enum verdict extract_path(const struct request *r)
{
	struct checked_file cf;
	struct elf_writer *w = NULL;
	enum verdict verdict;
	struct stat st;
	struct extract_roots roots = { r->functions.names, r->functions.n,
				       r->data.names, r->data.n };
	void *image = map_input(r->in, &st);

	if (!image)
		return VERDICT_UNUSABLE;
	if (replaces_input(r->out, &st)) {
		report_unusable(r->out, "is the input file; not replacing it");
		munmap(image, st.st_size);
		return VERDICT_UNUSABLE;
	}
	verdict = check_image(&cf, r->in, image, st.st_size);
	if (verdict == VERDICT_UNUSABLE)
		goto unmap;
	if (verdict == VERDICT_VIOLATIONS)
		report_error(&cf.view, NULL, 0, "does not verify clean: nothing extracted");
	else
		verdict = extract_functions(&cf, &roots, &w);
	if (verdict == VERDICT_CLEAN && elf_writer_write(w, r->out)) {
		report_unusable(r->out, "%s", elf_writer_error(w));
		verdict = VERDICT_UNUSABLE;
	}
	elf_writer_free(w);
	checked_file_close(&cf);
unmap:
	munmap(image, st.st_size);
	return verdict;
}

int main(int argc, char **argv)
{
	/* Static: the name lists live until exit, and leak checkers see them. */
	static struct request r;
	int status = parse(argc, argv, &r);

	if (status)
		return status;
	/* The verifier's rules first; their diagnostics are the reasons. */
	report_begin();
	status = extract_path(&r);
	report_end();
	return status;
}
