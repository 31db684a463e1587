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
"usage: klp_module resolve -o OUT --orig ORIG --vmlinux VMLINUX\n"
"                  --symvers MODULE.SYMVERS [--object MODULE --object-elf MODULE.ko]\n"
"                  [--provided NAME,...] [--patch NAME,...] [--glue FILE]\n"
"                  [--alias-prefix PREFIX] [--klp-symvers FILE]\n"
"                  [--at-load SECTION:WIDTH:VARIABLE,...] [--bind NAME,...] IN\n"
"       klp_module convert -o OUT [--renames FILE] IN.ko\n"
"\n"
"resolve: IN, what extract_special_syms --changed ORIG cut out of a patched\n"
"object, made ready for a livepatch module's link, for vmlinux or for the\n"
"module MODULE (--object, its linked MODULE.ko --object-elf). References\n"
"to what is exported (MODULE.SYMVERS) or --provided by other parts of the\n"
"livepatch stay; the others become .klp.sym.OBJ.NAME,POS, POS as kallsyms\n"
"counts; an entry that would refer to one is refused. Each --patch\n"
"function gets a global alias PREFIXN (default __klp_new_N) and a line\n"
"\"func OBJECT NAME POS ALIAS\" in --glue. --klp-symvers writes the\n"
".klp.sym names for modpost (KBUILD_EXTRA_SYMBOLS). Each --at-load table\n"
"of IN, which the glue applies itself with VARIABLE's running value, gets\n"
"symbols PREFIXstart_K and PREFIXstop_K at its ends and a line \"at-load\n"
"OBJECT WIDTH START STOP REF\"; each --bind name a line \"bind OBJECT NAME\n"
"REF\": REF is the name as a reference of IN would be answered.\n"
"\n"
"convert: the linked module IN.ko with its .klp.sym. references made\n"
"SHN_LIVEPATCH symbols and their relocations moved into\n"
".klp.rela.OBJ.SECTION sections (SHF_ALLOC | SHF_RELA_LIVEPATCH); --renames\n"
"FILE first renames the undefined symbols its \"OLD NEW\" lines name.\n"
"\n"
"Exit status: 0 OUT written, 1 IN cannot be made into it (one line per\n"
"reason), 2 usage error, unreadable or malformed input, OUT not writable.\n";

/* Each "SECTION:WIDTH:VARIABLE" has its three parts. */
static int well_formed_at_load(const struct name_list *l)
{
	size_t k;

	for (k = 0; k < l->n; k++) {
		const char *a = strchr(l->names[k], ':');
		const char *b = a ? strchr(a + 1, ':') : NULL;

		if (!a || a == l->names[k] || !b || b == a + 1 || !b[1] ||
		    strchr(b + 1, ':'))
			return 0;
	}
	return 1;
}

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
		{ "--orig", offsetof(struct resolve_request, orig) },
		{ "--vmlinux", offsetof(struct resolve_request, vmlinux) },
		{ "--symvers", offsetof(struct resolve_request, symvers) },
		{ "--klp-symvers", offsetof(struct resolve_request, klp_symvers) },
		{ "--object", offsetof(struct resolve_request, object) },
		{ "--object-elf", offsetof(struct resolve_request, object_elf) },
		{ "--glue", offsetof(struct resolve_request, glue) },
		{ "--alias-prefix", offsetof(struct resolve_request, alias_prefix) },
		{ "--renames", offsetof(struct resolve_request, renames) },
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
		} else if (!convert_only && option_value(argv, &i, "--provided", &value)) {
			if (!*value || add_names(&r->provided, value))
				return bad_usage("--provided needs NAME[,NAME...]%s", "");
		} else if (!convert_only && option_value(argv, &i, "--patch", &value)) {
			if (!*value || add_names(&r->patch, value))
				return bad_usage("--patch needs NAME[,NAME...]%s", "");
		} else if (!convert_only && option_value(argv, &i, "--at-load", &value)) {
			if (!*value || add_names(&r->at_load, value) || !well_formed_at_load(&r->at_load))
				return bad_usage("--at-load needs SECTION:WIDTH:VARIABLE[,...]%s", "");
		} else if (!convert_only && option_value(argv, &i, "--bind", &value)) {
			if (!*value || add_names(&r->bind, value))
				return bad_usage("--bind needs NAME[,NAME...]%s", "");
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
		if (r->orig || r->vmlinux || r->symvers || r->klp_symvers ||
		    r->object || r->object_elf || r->glue || r->alias_prefix)
			return bad_usage("convert takes -o OUT, --renames FILE and IN.ko only%s", "");
	} else if (r->renames) {
		return bad_usage("--renames goes with convert%s", "");
	} else if (!r->orig || !r->vmlinux || !r->symvers) {
		return bad_usage("resolve needs --orig, --vmlinux and --symvers%s", "");
	} else if (!r->object != !r->object_elf ||
		   (r->object && !strcmp(r->object, KLP_VMLINUX))) {
		return bad_usage("--object MODULE goes with --object-elf MODULE.ko (vmlinux is the default)%s", "");
	} else if (r->object && strpbrk(r->object, ".,/ ")) {
		return bad_usage("--object: '%s' is no module name", r->object);
	}
	if (!r->out)
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
	return convert_only ? convert(r.in, r.out, r.renames) : resolve(&r);
}
