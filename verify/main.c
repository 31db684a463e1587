// SPDX-License-Identifier: GPL-2.0
/*
 * verify_special_syms: fail the build unless every byte of every
 * array-of-structs section is covered by exactly one entry symbol.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "policy.h"
#include "report.h"

static const char usage[] =
"usage: verify_special_syms [options] FILE...\n"
"\n"
"Check that every entry of the special sections of each ELF FILE is\n"
"covered by exactly one local entry symbol (STT_OBJECT, or STT_NOTYPE in\n"
"code sections).\n"
"\n"
"  -v                    per-section summary (entries, bytes)\n"
"  --list                print every entry and what its relocations point at\n"
"  --json                the same listing as one JSON document\n"
"  --section NAME[=SIZE] also check section NAME (entries of SIZE bytes)\n"
"  --referencing F[,F..] list only the entries that belong to functions F\n"
"                        (implies --list unless --json is given)\n"
"  --deep                follow references: replacements of alternatives,\n"
"                        code of exception/jump/bug table entries\n"
"  -h, --help            this text\n"
"\n"
"Exit status: 0 clean, 1 rule violations, 2 usage error or unusable file.\n";

static enum verdict verify_path(const char *path)
{
	struct stat st;
	enum verdict verdict;
	void *image;
	int fd;

	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		report_unusable(path, "cannot open: %s", strerror(errno));
		return VERDICT_UNUSABLE;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		report_unusable(path, "not a regular file");
		close(fd);
		return VERDICT_UNUSABLE;
	}
	if (st.st_size == 0) {
		close(fd);
		report_unusable(path, "malformed ELF: empty file");
		return VERDICT_UNUSABLE;
	}
	/* Read-only and private: the verifier never writes to its input. */
	image = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (image == MAP_FAILED) {
		report_unusable(path, "cannot map: %s", strerror(errno));
		return VERDICT_UNUSABLE;
	}
	verdict = verify_image(path, image, st.st_size);
	munmap(image, st.st_size);
	return verdict;
}

/* Split a comma-separated list of function names into check_opts. */
static int add_referencing(const char *list)
{
	char *copy = strdup(list), *name, *save = NULL;

	if (!copy)
		return -1;
	for (name = strtok_r(copy, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		const char **grown = realloc(check_opts.referencing,
			(check_opts.nreferencing + 1) * sizeof(*grown));

		if (!grown)
			return -1;
		check_opts.referencing = grown;
		check_opts.referencing[check_opts.nreferencing++] = name;
	}
	return check_opts.nreferencing ? 0 : -1;
}

static int bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "verify_special_syms: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage);
	return VERDICT_UNUSABLE;
}

int main(int argc, char **argv)
{
	enum verdict worst = VERDICT_CLEAN;
	int i, files = 0, options_done = 0;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (options_done || arg[0] != '-' || !arg[1]) {
			argv[files++ + 1] = argv[i];
		} else if (!strcmp(arg, "--")) {
			options_done = 1;
		} else if (!strcmp(arg, "-v")) {
			report_opts.verbose = 1;
		} else if (!strcmp(arg, "--list")) {
			report_opts.listing = LISTING_TEXT;
		} else if (!strcmp(arg, "--json")) {
			report_opts.listing = LISTING_JSON;
		} else if (!strcmp(arg, "--deep")) {
			check_opts.deep = 1;
		} else if (!strcmp(arg, "--referencing") ||
			   !strncmp(arg, "--referencing=", 14)) {
			const char *list = arg[13] ? arg + 14 : argv[++i];

			if (!list || add_referencing(list))
				return bad_usage("--referencing needs FUNC[,FUNC...]%s", "");
		} else if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(usage, stdout);
			return VERDICT_CLEAN;
		} else if (!strcmp(arg, "--section") ||
			   !strncmp(arg, "--section=", 10)) {
			const char *spec = arg[9] ? arg + 10 : argv[++i];

			if (!spec)
				return bad_usage("--section needs NAME[=SIZE]%s", "");
			if (policy_add(spec))
				return bad_usage("bad --section argument '%s'", spec);
		} else {
			return bad_usage("unknown option '%s'", arg);
		}
	}
	if (!files)
		return bad_usage("no input files%s", "");
	if (check_opts.referencing && report_opts.listing == LISTING_NONE)
		report_opts.listing = LISTING_TEXT;

	report_begin();
	for (i = 1; i <= files; i++) {
		enum verdict v = verify_path(argv[i]);

		if (v > worst)
			worst = v;
	}
	report_end();
	return worst;
}
