/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generated from asm/special_syms.inc by scripts/gen-macros-header.
 * Do not edit: change the .inc and regenerate ("make headers").
 */
#ifndef _ASM_X86_SPECIAL_SYMS_MACROS_H
#define _ASM_X86_SPECIAL_SYMS_MACROS_H

#define SPECIAL_SYMS_MACROS						\
	".ifndef .L__ssym_defined\n"	\
	".set .L__ssym_defined, 1\n"	\
	".set .L__ssym_count, 0\n"	\
	".macro __ssym_define name:req, start:req, stype:req\n"	\
	"\t.equiv \\name, \\start\n"	\
	"\t.type \\name, \\stype\n"	\
	"\t.size \\name, . - \\start\n"	\
	".endm\n"	\
	".macro __ssym_define_counted count:req, start:req, stype:req\n"	\
	"\t__ssym_define __ssym_b\\count, \\start, \\stype\n"	\
	".endm\n"	\
	".macro __ssym_entry stype:req, start:req, id\n"	\
	".ifb \\id\n"	\
	"\t__ssym_define __ssym_\\@, \\start, \\stype\n"	\
	".else\n"	\
	".ifc \\id,%=\n"	\
	"\t.set .L__ssym_count, .L__ssym_count + 1\n"	\
	"\t.altmacro\n"	\
	"\t__ssym_define_counted %(.L__ssym_count), \\start, \\stype\n"	\
	"\t.noaltmacro\n"	\
	".else\n"	\
	"\t__ssym_define __ssym_\\id\\()_\\@, \\start, \\stype\n"	\
	".endif\n"	\
	".endif\n"	\
	".endm\n"	\
	".macro special_sym_popsection start:req, id\n"	\
	"\t__ssym_entry @object, \\start, \"\\id\"\n"	\
	"\t.popsection\n"	\
	".endm\n"	\
	".macro special_sym_code_popsection start:req, id\n"	\
	"\t__ssym_entry @notype, \\start, \"\\id\"\n"	\
	"\t.popsection\n"	\
	".endm\n"	\
	".macro special_sym_here start:req, id\n"	\
	"\t__ssym_entry @object, \\start, \"\\id\"\n"	\
	".endm\n"	\
	".macro special_sym_code_here start:req, id\n"	\
	"\t__ssym_entry @notype, \\start, \"\\id\"\n"	\
	".endm\n"	\
	".macro special_sym_last start:req, id:req, op:vararg\n"	\
	"\t\\op\n"	\
	"\t__ssym_entry @object, \\start, \"\\id\"\n"	\
	".endm\n"	\
	".macro special_sym_end start:req\n"	\
	"\t__ssym_entry @object, \\start\n"	\
	".endm\n"	\
	".macro special_sym_code_end start:req\n"	\
	"\t__ssym_entry @notype, \\start\n"	\
	".endm\n"	\
	".endif\n"	\

#endif /* _ASM_X86_SPECIAL_SYMS_MACROS_H */
