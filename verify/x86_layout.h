/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few x86 entry layouts that are public ABI between the kernel's macros
 * and its C code, used only to follow references (--referencing, --deep).
 * Coverage never depends on them.
 */
#ifndef SPECSYMS_X86_LAYOUT_H
#define SPECSYMS_X86_LAYOUT_H

/*
 * struct alt_instr: s32 instr_offset, s32 repl_offset, u32 ft_flags,
 * u8 instrlen, u8 replacementlen.
 */
#define ALT_INSTR_ORIG		0
#define ALT_INSTR_REPL		4
#define ALT_INSTR_REPLLEN	13

/*
 * The first field of exception table, jump table and bug entries is the
 * code they describe.
 */
#define ENTRY_CODE_REF		0

#define SEC_ALTINSTRUCTIONS	".altinstructions"
#define SEC_ALTREPLACEMENT	".altinstr_replacement"

#endif
