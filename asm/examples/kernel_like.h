/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The x86 emitters of Linux 6.12, reduced to what shapes their special
 * section entries, written with the entry-symbol pieces. Demo objects and
 * the test cases use them to reproduce the kernel's ways of expanding the
 * macros: inlined many times, nested alternatives in one asm string,
 * toplevel asm, asm goto.
 */
#ifndef SPECSYMS_KERNEL_LIKE_H
#define SPECSYMS_KERNEL_LIKE_H

#include <asm/special_syms.h>

#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)

#ifdef __x86_64__
#define _ASM_PTR	" .quad "
#define _ASM_ALIGN	" .balign 8 "
#else
#define _ASM_PTR	" .long "
#define _ASM_ALIGN	" .balign 4 "
#endif

/* struct alt_instr: 14 bytes; replacements are variable-size code. */
#define alt_slen	"772b-771b"
#define alt_total_slen	"773b-771b"
#define alt_rlen	"775f-774f"

#define OLDINSTR(oldinstr)						\
	"# ALT: oldinstr\n"						\
	"771:\n\t" oldinstr "\n772:\n"					\
	"# ALT: padding\n"						\
	".skip -(((" alt_rlen ")-(" alt_slen ")) > 0) * "		\
		"((" alt_rlen ")-(" alt_slen ")),0x90\n"		\
	"773:\n"

#define ALTINSTR_ENTRY(ft_flags)					\
	".pushsection .altinstructions,\"a\"\n"				\
	SPECIAL_SYM_LABEL(7771) " .long 771b - .\n"			\
	" .long 774f - .\n"						\
	" .4byte " __stringify(ft_flags) "\n"				\
	" .byte " alt_total_slen "\n"					\
	" .byte " alt_rlen "\n"						\
	SPECIAL_SYM_POPSECTION(7771b) "\n"

#define ALTINSTR_REPLACEMENT(newinstr)					\
	".pushsection .altinstr_replacement, \"ax\"\n"			\
	"# ALT: replacement\n"						\
	"774:\n\t" newinstr "\n775:\n"					\
	SPECIAL_SYM_CODE_POPSECTION(774b) "\n"

#define ALTERNATIVE(oldinstr, newinstr, ft_flags)			\
	OLDINSTR(oldinstr)						\
	ALTINSTR_ENTRY(ft_flags)					\
	ALTINSTR_REPLACEMENT(newinstr)

#define ALTERNATIVE_2(oldinst, newinst1, flag1, newinst2, flag2)	\
	ALTERNATIVE(ALTERNATIVE(oldinst, newinst1, flag1), newinst2, flag2)

#define ALTERNATIVE_3(oldinst, newinst1, flag1, newinst2, flag2,	\
		      newinst3, flag3)					\
	ALTERNATIVE(ALTERNATIVE_2(oldinst, newinst1, flag1, newinst2,	\
				  flag2), newinst3, flag3)

/* struct exception_table_entry: 12 bytes. */
#define _ASM_EXTABLE(from, to)						\
	" .pushsection \"__ex_table\",\"a\"\n"				\
	" .balign 4\n"							\
	SPECIAL_SYM_LABEL(7770) " .long (" #from ") - .\n"		\
	" .long (" #to ") - .\n"					\
	" .long 0\n"							\
	" " SPECIAL_SYM_POPSECTION(7770b) "\n"

/* struct bug_entry with BUGVERBOSE: 12 bytes, labelled 2: already. */
#define BUG_ENTRY()							\
	__asm__ volatile("1:\tud2\n"					\
		".pushsection __bug_table,\"aw\"\n"			\
		"2:\t.long 1b - .\n"					\
		"\t.long %c0 - .\n"					\
		"\t.word %c1\n"						\
		"\t.word 0\n"						\
		"\t.org 2b+12\n"					\
		SPECIAL_SYM_POPSECTION(2b) "\n"				\
		: : "i" (__FILE__), "i" (__LINE__))

/* struct unwind_hint: 12 bytes once padded. */
#define UNWIND_HINT(type)						\
	"987: \n\t"							\
	".pushsection .discard.unwind_hints\n\t"			\
	SPECIAL_SYM_LABEL(7773) " .long 987b - .\n\t"			\
	".short 0\n\t"							\
	".byte 7\n\t"							\
	".byte " __stringify(type) "\n\t"				\
	".byte 0\n\t"							\
	".balign 4 \n\t"						\
	SPECIAL_SYM_POPSECTION(7773b) "\n\t"

/* struct jump_entry: 16 bytes on x86_64, 12 on i386. */
#define JUMP_TABLE_ENTRY(key, label)					\
	".pushsection __jump_table,  \"aw\" \n\t"			\
	_ASM_ALIGN "\n\t"						\
	SPECIAL_SYM_LABEL(7772) ".long 1b - . \n\t"			\
	".long " label " - . \n\t"					\
	_ASM_PTR " " key " - . \n\t"					\
	SPECIAL_SYM_POPSECTION(7772b) " \n\t"

/* _static_cpu_has(): a variable-size stub in .altinstr_aux. */
#define ALTINSTR_AUX(target)						\
	".pushsection .altinstr_aux,\"ax\"\n"				\
	SPECIAL_SYM_LABEL(7774) " testb $1, " #target "\n"		\
	" jnz 1f\n"							\
	" jmp 2f\n"							\
	SPECIAL_SYM_CODE_POPSECTION(7774b) "\n"

/* LOCK_PREFIX: a 4-byte offset of the lock prefix in .smp_locks. */
#define LOCK_PREFIX							\
	".pushsection .smp_locks,\"a\"\n"				\
	".balign 4\n"							\
	SPECIAL_SYM_LABEL(7775) ".long 671f - .\n"			\
	SPECIAL_SYM_POPSECTION(7775b) "\n"				\
	"671:\n\tlock "

/*
 * runtime_const_ptr(), runtime_const_shift_right_32(): a 4-byte offset
 * of the immediate boot code writes the variable's value into, in a
 * section named after the variable.
 */
#define runtime_const_ptr(sym) ({					\
	unsigned long __ret;						\
	__asm__("mov %1,%0\n1:\n"					\
		".pushsection runtime_ptr_" #sym ",\"a\"\n\t"		\
		SPECIAL_SYM_LABEL(7776) ".long 1b - %c2 - .\n"		\
		SPECIAL_SYM_POPSECTION(7776b)				\
		: "=r" (__ret)						\
		: "i" ((unsigned long)0x0123456789abcdefull),		\
		  "i" (sizeof(long)));					\
	__ret; })

#define runtime_const_shift_right_32(val, sym) ({			\
	unsigned int __ret = (val);					\
	__asm__("shrl $12,%k0\n1:\n"					\
		".pushsection runtime_shift_" #sym ",\"a\"\n\t"		\
		SPECIAL_SYM_LABEL(7776) ".long 1b - 1 - .\n"		\
		SPECIAL_SYM_POPSECTION(7776b)				\
		: "+r" (__ret));					\
	__ret; })

/* TRACE_RESUME(): a line and a file name in .tracedata, labelled 1: already. */
#define TRACE_RESUME(where) ({						\
	__asm__ volatile("mov $1f,%0\n"					\
		".pushsection .tracedata,\"a\"\n"			\
		"1:\t.word %c1\n\t"					\
		_ASM_PTR " %c2\n"					\
		SPECIAL_SYM_POPSECTION(1b)				\
		: "=r" (where) : "i" (__LINE__), "i" (__FILE__)); })

/* Entries that are variables, with sized symbols of their own. */
#define NOKPROBE_SYMBOL(fname)						\
	static unsigned long __attribute__((used, section("_kprobe_blacklist"))) \
		_kbl_addr_##fname = (unsigned long)fname
#define STACK_FRAME_NON_STANDARD(func)					\
	static void __attribute__((used,					\
		section(".discard.func_stack_frame_non_standard")))	\
		*__func_stack_frame_non_standard_##func = func

#endif
