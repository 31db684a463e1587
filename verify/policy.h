/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which sections are arrays of entries, and of which kind.
 */
#ifndef SPECSYMS_POLICY_H
#define SPECSYMS_POLICY_H

#include <stdint.h>
#include <string.h>

#include "../elf/elf_view.h"

enum section_kind {
	SECTION_UNCHECKED,
	SECTION_FIXED,		/* policy: all entries one size, must be annotated */
	SECTION_VARIABLE,	/* policy: entries of any size, may be empty */
	SECTION_ENTSIZE,	/* not in the policy, but sh_entsize says "array" */
};

struct section_rule {
	const char *name;
	enum section_kind kind;
	uint64_t entry_size;	/* 0: learn it from sh_entsize or the symbols */
};

/* Entry symbols' names start with it; other symbols must not. */
#define RESERVED_PREFIX "__ssym_"

/* Called for each of the 229k symbols of vmlinux.o: no call for most. */
static inline int has_reserved_prefix(const char *name)
{
	return name[0] == '_' && name[1] == '_' && name[2] == 's' &&
	       !strncmp(name, RESERVED_PREFIX, sizeof(RESERVED_PREFIX) - 1);
}

/* --section NAME[=SIZE]; 0 on success, -1 when the argument is malformed. */
int policy_add(const char *arg);

/* How the verifier treats this section; SECTION_UNCHECKED for the rest. */
struct section_rule policy_classify(const struct elf_section *sec);

void policy_reset(void);

#endif
