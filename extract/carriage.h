/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a livepatch module does with each section that points into code it
 * copies: one table, a row per kind of section, each with why
 * (carriage.c). A reader answers "what happens to .smp_locks?" there.
 */
#ifndef SPECSYMS_CARRIAGE_H
#define SPECSYMS_CARRIAGE_H

#include "extract.h"
#include "places.h"

enum carriage {
	CARRIED,	/* its units go with the code they describe */
	CARRIED_AT_LOAD,/* and the module applies them itself, before the patch */
	DROPPED,	/* a livepatch may do without it */
	REFUSED,	/* the function cannot be patched: why, named by section */
};

/*
 * Whether the running kernel follows what the section holds into the
 * function it points at (calls it through a pointer, an export, a table
 * it reads again): a way in that only livepatch's redirection of the
 * original covers, which a function without an ftrace entry does not get.
 */
enum carriage_reach {
	NOT_FOLLOWED,	/* describes the code, or is never read again */
	FOLLOWED,
};

/* How a row recognises its sections. */
enum carriage_match {
	BY_NAME,	/* pattern is a shell glob of the section name */
	HAS_UNITS,	/* the section is cut into units (entries, slices, relocations) */
	IS_CODE,	/* SHF_EXECINSTR */
};

struct carriage_rule {
	enum carriage_match match;
	const char *pattern;
	enum carriage what;
	enum carriage_reach reach;
	/*
	 * CARRIED by name: the section is a list of relocations, each one a
	 * unit, though it is loaded (objtool's lists are not).
	 */
	int relocation_units;
	/*
	 * CARRIED_AT_LOAD: the prefix before the variable's name and how the
	 * module's glue applies an entry: it writes the running variable's
	 * first "width" bytes where the entry points.
	 */
	const char *at_load;
	/* REFUSED: a format of the refusal, its one %s the section's name. */
	const char *why;
};

/*
 * The row that decides section sec of v (the last one: refused); p holds
 * v's units (places_build()).
 */
const struct carriage_rule *carriage_rule(const struct elf_view *v,
					  const struct places *p, uint32_t sec);

/*
 * A section carried for the module to apply at load: how (the row's
 * width word) and the variable whose value it writes; 0, or -1 when no
 * such row names it.
 */
int carriage_at_load(const char *section, const char **width,
		     const char **variable);

/* Whether section sec of v is a list of relocations by its row's say. */
int carriage_relocation_units(const struct elf_section *sec);

/* How a row is named in listings: its pattern, "units" or "code". */
const char *carriage_row_name(const struct carriage_rule *row);

/* Whether row is the last one, which refuses what no other row names. */
int carriage_names_none(const struct carriage_rule *row);

/* The words a decision is printed with: "carried", "dropped"... */
const char *carriage_word(enum carriage what);

/* Each row in order, for listings; NULL past the last. */
const struct carriage_rule *carriage_row(unsigned int i);

#endif
