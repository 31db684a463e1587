// SPDX-License-Identifier: GPL-2.0
/*
 * .altinstructions: for each entry whose feature is set, the replacement
 * is copied over the original instruction and the rest of the original's
 * bytes become NOPs; an empty replacement leaves only NOPs. Replacements
 * here hold no relative jumps or calls, so unlike the kernel's
 * apply_alternatives() nothing is relocated. Only the feature number of
 * ft_flags is used: no entry here carries ALT_NOT.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "entries.h"
#include "runtime.h"

static uint32_t feature_words[FEATURE_WORDS];

void set_feature(unsigned int feature)
{
	feature_words[feature / 32] |= 1u << (feature % 32);
}

static int has_feature(unsigned int feature)
{
	return feature < FEATURE_WORDS * 32 &&
	       (feature_words[feature / 32] >> (feature % 32) & 1);
}

int apply_alternatives(void)
{
	const struct alt_instr *a;
	unsigned char insn[UINT8_MAX];
	int applied = 0;

	for (a = __alt_instructions; a < __alt_instructions_end; a++) {
		if (!has_feature(a->ft_flags & ALT_FEATURE_MASK))
			continue;
		if (a->replacementlen > a->instrlen) {
			fprintf(stderr, "alternative: replacement longer than its instruction\n");
			return -1;
		}
		memcpy(insn, (const void *)REL_TARGET(a->repl_offset), a->replacementlen);
		memset(insn + a->replacementlen, 0x90, a->instrlen - a->replacementlen);
		text_poke((void *)REL_TARGET(a->instr_offset), insn, a->instrlen);
		applied++;
	}
	return applied;
}
