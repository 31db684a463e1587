// SPDX-License-Identifier: GPL-2.0
/*
 * convert: the linked module's ".klp.sym.OBJ.NAME,POS" references become
 * livepatch symbols (SHN_LIVEPATCH, which the module loader leaves to
 * livepatch) and their relocations move into ".klp.rela.OBJ.SECTION",
 * one per object and patched section, flagged SHF_RELA_LIVEPATCH (the
 * loader hands them to livepatch) and SHF_ALLOC (they stay in memory).
 * This comes after the link: ld -r would make SHN_LIVEPATCH symbols
 * absolute ones. The glue, which C compiles, names a livepatch symbol it
 * needs by a name of its own; the renames make that the symbol's name.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../elf/diagnostics.h"
#include "../elf/input.h"
#include "../elf/grow.h"
#include "klp_module.h"
#include "rewrite.h"

struct klp_relocs {
	char *object;		/* OBJ of the symbols whose relocations it holds */
	uint32_t sec;		/* the input section they patch */
	uint32_t handle;
};

struct rename {
	const char *old, *new;
};

struct conversion {
	const struct elf_view *v;
	char **object;		/* per input symbol: OBJ of a livepatch symbol */
	struct klp_relocs *sections;
	size_t nsections;
	uint64_t cap;
	struct rename *renames;	/* pointing into text */
	size_t nrenames;
	uint64_t renames_cap;
	char *text;
};

/*
 * The renames file: "OLD NEW" lines. 0; 2 when it cannot be read or a
 * line is no such pair (diagnosed); -1 when out of memory.
 */
static int read_renames(struct conversion *c, const char *path)
{
	FILE *f = fopen(path, "r");
	size_t len = 0, line = 0;
	char *s, *end;

	if (!f) {
		report_unusable(path, "cannot read");
		return 2;
	}
	c->text = NULL;
	if (getdelim(&c->text, &len, '\0', f) < 0 && ferror(f)) {
		fclose(f);
		report_unusable(path, "cannot read");
		return 2;
	}
	fclose(f);
	for (s = c->text; s && *s; s = end) {
		char *old, *new, *rest;

		end = strchr(s, '\n');
		end = end ? (*end = '\0', end + 1) : s + strlen(s);
		line++;
		old = strtok_r(s, " \t", &rest);
		if (!old)
			continue;
		new = strtok_r(NULL, " \t", &rest);
		if (!new || strtok_r(NULL, " \t", &rest)) {
			report_unusable(path, "line %zu: not \"OLD NEW\"", line);
			return 2;
		}
		if (grow_array(&c->renames, &c->renames_cap, c->nrenames + 1,
			       sizeof(*c->renames)))
			return -1;
		c->renames[c->nrenames++] = (struct rename){ old, new };
	}
	return 0;
}

static void rename_symbol(const struct conversion *c,
			  struct elf_writer_symbol *out)
{
	size_t k;

	if (out->section || out->shndx != SHN_UNDEF)
		return;
	for (k = 0; k < c->nrenames; k++)
		if (!strcmp(c->renames[k].old, out->name)) {
			out->name = c->renames[k].new;
			return;
		}
}

/*
 * ".klp.sym.OBJ.NAME,POS": OBJ without a dot, NAME not empty, POS
 * decimal. The object's name, malloc'ed; NULL when the name is not one
 * (*bad set) or memory ran out.
 */
static char *klp_object(const char *name, int *bad)
{
	const char *obj = name + strlen(KLP_SYM_PREFIX), *dot, *comma;

	*bad = 1;
	dot = strchr(obj, '.');
	comma = strrchr(obj, ',');
	if (!dot || dot == obj || !comma || comma < dot + 2 || !comma[1] ||
	    strspn(comma + 1, "0123456789") != strlen(comma + 1))
		return NULL;
	*bad = 0;
	return strndup(obj, dot - obj);
}

static int edit_symbol(void *ctx, uint32_t i, struct elf_writer_symbol *out)
{
	struct conversion *c = ctx;
	int bad;

	rename_symbol(c, out);
	if (strncmp(out->name, KLP_SYM_PREFIX, strlen(KLP_SYM_PREFIX)))
		return 0;
	if (out->section || out->shndx != SHN_UNDEF) {
		report_error(c->v, NULL, 0, "%s is defined: a livepatch symbol is a reference",
			     out->name);
		return 1;
	}
	c->object[i] = klp_object(out->name, &bad);
	if (bad) {
		report_error(c->v, NULL, 0, "%s is no livepatch symbol name (.klp.sym.OBJECT.NAME,POSITION)",
			     out->name);
		return 1;
	}
	if (!c->object[i])
		return -1;
	out->shndx = SHN_LIVEPATCH;
	return 0;
}

static uint32_t relocs_for(void *ctx, struct rewrite *rw, uint32_t sec,
			   uint32_t sym)
{
	struct conversion *c = ctx;
	const char *object = c->object[sym];
	struct klp_relocs *k;
	char *name;
	size_t i;

	if (!object)
		return rw->sec_out[sec];
	for (i = 0; i < c->nsections; i++)
		if (c->sections[i].sec == sec && !strcmp(c->sections[i].object, object))
			return c->sections[i].handle;
	if (grow_array(&c->sections, &c->cap, c->nsections + 1, sizeof(*c->sections)))
		return 0;
	name = malloc(strlen(KLP_RELA_PREFIX) + strlen(object) + 1 +
		      strlen(c->v->sections[sec].name) + 1);
	if (!name)
		return 0;
	/* The section's name keeps its leading dot: .klp.rela.vmlinux.text.f */
	sprintf(name, KLP_RELA_PREFIX "%s.%s", object,
		c->v->sections[sec].name + (c->v->sections[sec].name[0] == '.'));
	k = &c->sections[c->nsections];
	k->object = c->object[sym];
	k->sec = sec;
	k->handle = elf_writer_add_reloc_section(rw->w, rw->sec_out[sec], name,
						 SHF_ALLOC | SHF_RELA_LIVEPATCH);
	free(name);
	if (!k->handle)
		return 0;
	c->nsections++;
	return k->handle;
}

static const struct rewrite_ops convert_ops = { edit_symbol, relocs_for, NULL };

int convert(const char *in_path, const char *out, const char *renames)
{
	struct input in = { 0 };
	struct conversion c = { 0 };
	struct elf_writer *w = NULL;
	uint32_t i;
	int ret = input_open(&in, in_path, ET_REL);

	if (ret)
		return ret;
	if (input_is(&in, out)) {
		report_unusable(out, "is the input file; not replacing it");
		input_close(&in);
		return 2;
	}
	c.v = &in.view;
	if (renames)
		ret = read_renames(&c, renames);
	c.object = calloc(in.view.nsyms + 1, sizeof(*c.object));
	if (!ret)
		ret = c.object ? rewrite_object(&in.view, &convert_ops, &c, &w) : -1;
	if (!ret && elf_writer_write(w, out)) {
		report_unusable(out, "%s", elf_writer_error(w));
		ret = 2;
	}
	if (ret < 0) {
		report_unusable(in_path, "out of memory");
		ret = 2;
	}
	elf_writer_free(w);
	for (i = 0; c.object && i < in.view.nsyms; i++)
		free(c.object[i]);
	free(c.object);
	free(c.sections);
	free(c.renames);
	free(c.text);
	input_close(&in);
	return ret;
}
