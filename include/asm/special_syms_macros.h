/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generated from asm/special_syms.inc by scripts/gen-macros-header.
 * Do not edit: change the .inc and regenerate ("make headers").
 */
#ifndef _ASM_X86_SPECIAL_SYMS_MACROS_H
#define _ASM_X86_SPECIAL_SYMS_MACROS_H

#ifdef __ASSEMBLY__
.ifndef .L__ssym_defined
.set .L__ssym_defined, 1
.set .L__ssym_count, 0
.macro __ssym_define name:req, start:req
	.equiv \name, \start
	.type \name, @object
	.size \name, . - \start
.endm
.macro __ssym_define_counted count:req, start:req
	__ssym_define __ssym_b\count, \start
.endm
.macro special_sym_popsection start:req, id
.ifb \id
	__ssym_define __ssym_\@, \start
.else
.ifc \id,%=
	.set .L__ssym_count, .L__ssym_count + 1
	.altmacro
	__ssym_define_counted %(.L__ssym_count), \start
	.noaltmacro
.else
	__ssym_define __ssym_\id\()_\@, \start
.endif
.endif
	.popsection
.endm
.endif
#else
#define SPECIAL_SYMS_MACROS						\
	".ifndef .L__ssym_defined\n"	\
	".set .L__ssym_defined, 1\n"	\
	".set .L__ssym_count, 0\n"	\
	".macro __ssym_define name:req, start:req\n"	\
	"\t.equiv \\name, \\start\n"	\
	"\t.type \\name, @object\n"	\
	"\t.size \\name, . - \\start\n"	\
	".endm\n"	\
	".macro __ssym_define_counted count:req, start:req\n"	\
	"\t__ssym_define __ssym_b\\count, \\start\n"	\
	".endm\n"	\
	".macro special_sym_popsection start:req, id\n"	\
	".ifb \\id\n"	\
	"\t__ssym_define __ssym_\\@, \\start\n"	\
	".else\n"	\
	".ifc \\id,%=\n"	\
	"\t.set .L__ssym_count, .L__ssym_count + 1\n"	\
	"\t.altmacro\n"	\
	"\t__ssym_define_counted %(.L__ssym_count), \\start\n"	\
	"\t.noaltmacro\n"	\
	".else\n"	\
	"\t__ssym_define __ssym_\\id\\()_\\@, \\start\n"	\
	".endif\n"	\
	".endif\n"	\
	"\t.popsection\n"	\
	".endm\n"	\
	".endif\n"	\

#endif /* __ASSEMBLY__ */
#endif /* _ASM_X86_SPECIAL_SYMS_MACROS_H */
