// SPDX-License-Identifier: GPL-2.0
/*
 * klp_module: the ELF steps of making a livepatch module for vmlinux out
 * of a function extract_special_syms cut from a patched object. A third
 * front end over elf/'s reader and writer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../elf/options.h"
#include "klp_module.h"

static const char usage[] =
"usage: klp_module resolve -o OUT --patched OBJ --vmlinux VMLINUX\n"
"                  --symvers MODULE.SYMVERS [--global NAME[,NAME...]]\n"
"                  [--klp-symvers FILE] [--new] IN\n"
"       klp_module convert -o OUT IN.ko\n"
"\n"
"resolve: IN, functions extract_special_syms cut out of the patched object\n"
"OBJ, made ready for a livepatch module's link: references to what\n"
"vmlinux exports stay, the others become .klp.sym.vmlinux.NAME,POS\n"
"(POS as kallsyms counts, from VMLINUX's symbol table), the --global\n"
"names become global. --klp-symvers writes those names for modpost\n"
"(KBUILD_EXTRA_SYMBOLS). --new lists the locals of OBJ that VMLINUX lacks\n"
"(\"function NAME\" or \"data NAME\" lines) and writes nothing.\n"
"\n"
"convert: the linked module IN.ko with its .klp.sym. references made\n"
"SHN_LIVEPATCH symbols and their relocations moved into\n"
".klp.rela.OBJ.SECTION sections (SHF_ALLOC | SHF_RELA_LIVEPATCH).\n"
"\n"
"Exit status: 0 OUT written, 1 IN cannot be made into it, 2 usage error,\n"
"unreadable or malformed input, OUT not writable.\n";

static int bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "klp_module: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage);
	return 2;
}

/* One value option of the request; 1 if argv[*i] was none of them. */
static int path_option(char **argv, int *i, struct resolve_request *r,
		       int *bad)
{
	static const struct {
		const char *opt;
		size_t at;
	} paths[] = {
		{ "-o", offsetof(struct resolve_request, out) },
		{ "--patched", offsetof(struct resolve_request, patched) },
		{ "--vmlinux", offsetof(struct resolve_request, vmlinux) },
		{ "--symvers", offsetof(struct resolve_request, symvers) },
		{ "--klp-symvers", offsetof(struct resolve_request, klp_symvers) },
	};
	const char *value;
	size_t k;

	for (k = 0; k < sizeof(paths) / sizeof(paths[0]); k++) {
		const char **slot = (const char **)((char *)r + paths[k].at);

		if (!option_value(argv, i, paths[k].opt, &value))
			continue;
		if (!*value || *slot)
			*bad = bad_usage("%s needs one value", paths[k].opt);
		*slot = value;
		return 0;
	}
	return 1;
}

static int parse(int argc, char **argv, struct resolve_request *r,
		 int convert_only)
{
	const char *value;
	int i, bad = 0;

	for (i = 2; i < argc && !bad; i++) {
		const char *arg = argv[i];

		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(usage, stdout);
			exit(0);
		} else if (!path_option(argv, &i, r, &bad)) {
			continue;
		} else if (!convert_only && option_value(argv, &i, "--global", &value)) {
			if (!*value || add_names(&r->globals, value))
				return bad_usage("--global needs NAME[,NAME...]%s", "");
		} else if (!convert_only && !strcmp(arg, "--new")) {
			r->list_new = 1;
		} else if (arg[0] == '-' && arg[1]) {
			return bad_usage("unknown option '%s'", arg);
		} else if (r->in) {
			return bad_usage("one input file only, got '%s' too", arg);
		} else {
			r->in = arg;
		}
	}
	if (bad)
		return bad;
	if (!r->in)
		return bad_usage("no input file%s", "");
	if (convert_only) {
		if (r->patched || r->vmlinux || r->symvers || r->klp_symvers)
			return bad_usage("convert takes -o OUT and IN.ko only%s", "");
	} else if (!r->patched || !r->vmlinux || !r->symvers) {
		return bad_usage("resolve needs --patched, --vmlinux and --symvers%s", "");
	}
	if (!r->out && !r->list_new)
		return bad_usage("no output file (-o OUT)%s", "");
	return 0;
}

int main(int argc, char **argv)
{
	/* Static: the name lists live until exit, and leak checkers see them. */
	static struct resolve_request r;
	int convert_only, status;

	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc < 2 || (strcmp(argv[1], "resolve") && strcmp(argv[1], "convert")))
		return bad_usage("the first argument is resolve or convert%s", "");
	convert_only = !strcmp(argv[1], "convert");
	status = parse(argc, argv, &r, convert_only);
	if (status)
		return status;
	return convert_only ? convert(r.in, r.out) : resolve(&r);
}
