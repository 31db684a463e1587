// SPDX-License-Identifier: GPL-2.0
/*
 * The section policy: the x86 array-of-structs sections whose entries the
 * kernel's macros annotate, or whose entries are variables of their own
 * (NOKPROBE_SYMBOL()'s _kbl_addr_NAME, STACK_FRAME_NON_STANDARD()'s
 * pointer), which have sized symbols already. Entry sizes are deliberately
 * absent; they come from the symbols, sh_entsize or --section NAME=SIZE,
 * never from here. A name ending in '*' is a prefix: runtime constants
 * get a section per variable (runtime_ptr_USER_PTR_MAX).
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

static const struct section_rule builtin_rules[] = {
	{ ".altinstructions",		SECTION_FIXED,		0 },
	{ "__ex_table",			SECTION_FIXED,		0 },
	{ "__bug_table",		SECTION_FIXED,		0 },
	{ "__jump_table",		SECTION_FIXED,		0 },
	{ ".discard.unwind_hints",	SECTION_FIXED,		0 },
	{ ".altinstr_replacement",	SECTION_VARIABLE,	0 },
	{ ".altinstr_aux",		SECTION_VARIABLE,	0 },
	{ ".smp_locks",			SECTION_FIXED,		0 },
	/* Linux 6.1's paravirt patch sites (struct paravirt_patch_site). */
	{ ".parainstructions",		SECTION_FIXED,		0 },
	{ "runtime_ptr_*",		SECTION_FIXED,		0 },
	{ "runtime_shift_*",		SECTION_FIXED,		0 },
	{ "_kprobe_blacklist",		SECTION_FIXED,		0 },
	{ ".tracedata",			SECTION_FIXED,		0 },
	/* 8-byte pointers from C, 4-byte offsets from .S: vmlinux.o has both. */
	{ ".discard.func_stack_frame_non_standard", SECTION_VARIABLE, 0 },
};

#define MAX_EXTRA_RULES 64

static struct section_rule extra_rules[MAX_EXTRA_RULES];
static unsigned int nr_extra_rules;

int policy_add(const char *arg)
{
	const char *eq = strchr(arg, '=');
	struct section_rule rule = { arg, SECTION_VARIABLE, 0 };

	if (nr_extra_rules == MAX_EXTRA_RULES || eq == arg || !*arg)
		return -1;
	if (eq) {
		char *end;
		unsigned long long size;

		errno = 0;
		size = strtoull(eq + 1, &end, 0);
		if (errno || *end || end == eq + 1 || size == 0 ||
		    eq[1] == '-')
			return -1;
		rule.name = strndup(arg, eq - arg);
		if (!rule.name)
			return -1;
		rule.kind = SECTION_FIXED;
		rule.entry_size = size;
	}
	extra_rules[nr_extra_rules++] = rule;
	return 0;
}

void policy_reset(void)
{
	nr_extra_rules = 0;
}

/* A rule's name is the section's, or, ending in '*', a prefix of it. */
static int names(const char *rule, const char *name)
{
	size_t len = strlen(rule);

	if (len && rule[len - 1] == '*')
		return !strncmp(rule, name, len - 1);
	return !strcmp(rule, name);
}

static const struct section_rule *find_rule(const char *name)
{
	unsigned int i;

	/* Later rules win, so --section can refine a built-in one. */
	for (i = nr_extra_rules; i-- > 0;)
		if (!strcmp(extra_rules[i].name, name))
			return &extra_rules[i];
	for (i = 0; i < sizeof(builtin_rules) / sizeof(builtin_rules[0]); i++)
		if (names(builtin_rules[i].name, name))
			return &builtin_rules[i];
	return NULL;
}

struct section_rule policy_classify(const struct elf_section *sec)
{
	const struct section_rule *rule = find_rule(sec->name);
	struct section_rule unchecked = { sec->name, SECTION_UNCHECKED, 0 };

	if (sec->type == SHT_NOBITS || sec->type == SHT_NULL)
		return unchecked;
	if (rule) {
		struct section_rule found = *rule;

		found.name = sec->name;
		return found;
	}
	/*
	 * objtool's tables (.static_call_sites, .orc_unwind, ...) say they are
	 * arrays through sh_entsize. Strings and mergeable constants are not
	 * arrays of entries, whatever their sh_entsize.
	 */
	if (sec->type == SHT_PROGBITS && sec->entsize &&
	    !(sec->flags & (SHF_STRINGS | SHF_MERGE)))
		return (struct section_rule){ sec->name, SECTION_ENTSIZE, 0 };
	return unchecked;
}
