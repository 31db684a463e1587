/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few x86 entry layouts that are public ABI between the kernel's macros
 * and its C code, used only to follow references (--referencing, --deep).
 * Coverage never depends on them.
 */
#ifndef SPECSYMS_X86_LAYOUT_H
#define SPECSYMS_X86_LAYOUT_H

#include <stdint.h>

/*
 * struct alt_instr: s32 instr_offset, s32 repl_offset, the feature (u16
 * cpuid in Linux 6.1, 12 bytes in all; u32 ft_flags in 6.12, 14), u8
 * instrlen, u8 replacementlen. The replacement's length is the entry's
 * last byte whatever the feature's width: the entry symbol's size says
 * where that is. An entry shorter than the two offsets and two lengths
 * holds no such byte.
 */
#define ALT_INSTR_ORIG		0
#define ALT_INSTR_REPL		4
#define ALT_INSTR_MIN_SIZE	10

static inline uint64_t alt_instr_repllen(uint64_t entry_size)
{
	return entry_size - 1;
}

/*
 * The first field of exception table, jump table and bug entries is the
 * code they describe.
 */
#define ENTRY_CODE_REF		0

#define SEC_ALTINSTRUCTIONS	".altinstructions"
#define SEC_ALTREPLACEMENT	".altinstr_replacement"

#endif
