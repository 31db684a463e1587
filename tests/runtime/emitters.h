/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry emitters of Linux 6.12 x86 that kernel_like.h leaves out, in the
 * kernel's shape, with the entry-symbol pieces: get_user's faulting load
 * with its fixup, WARN's trap, and the static branches.
 */
#ifndef RUNTIME_EMITTERS_H
#define RUNTIME_EMITTERS_H

#include "kernel_like.h"
#include "entries.h"
#include "runtime.h"

#define EFAULT	14

/*
 * The load either completes (err = 0) or faults and resumes at the fixup,
 * which sets err to -EFAULT. The fixup stays inside the function's own
 * code, so copying the function brings it along.
 */
#define GET_USER_ASM(x, ptr, err)					\
	__asm__ volatile("1:	movl (%[p]), %[v]\n"			\
			 "	xorl %[e], %[e]\n"			\
			 "	jmp 3f\n"				\
			 "2:	movl %[efault], %[e]\n"			\
			 "	xorl %[v], %[v]\n"			\
			 "3:\n"						\
			 _ASM_EXTABLE(1b, 2b)				\
			 : [v] "=r" (x), [e] "=&r" (err)		\
			 : [p] "r" (ptr), [efault] "i" (-EFAULT))

/* _BUG_FLAGS(ASM_UD2, BUGFLAG_WARNING, ""): execution goes on after it. */
#define WARN_TRAP()							\
	__asm__ volatile("1:\tud2\n"					\
			 ".pushsection __bug_table,\"aw\"\n"		\
			 "2:\t.long 1b - .\n"				\
			 "\t.long %c0 - .\n"				\
			 "\t.word %c1\n"				\
			 "\t.word %c2\n"				\
			 "\t.org 2b+%c3\n"				\
			 SPECIAL_SYM_POPSECTION(2b) "\n"		\
			 : : "i" (__FILE__), "i" (__LINE__),		\
			     "i" (BUGFLAG_WARNING),			\
			     "i" (sizeof(struct bug_entry)))

/* arch_static_branch(): a 5-byte NOP the runtime turns into a jmp. */
static inline __attribute__((always_inline)) int
arch_static_branch(struct static_key *key, int branch)
{
	__asm__ goto("1: .byte 0x0f,0x1f,0x44,0x00,0x00\n\t"
		     JUMP_TABLE_ENTRY("%c0 + %c1", "%l[l_yes]")
		     : : "i" (key), "i" (branch) : : l_yes);
	return 0;
l_yes:
	return 1;
}

#define static_branch_unlikely(key)	arch_static_branch(key, 0)
#define static_branch_likely(key)	(!arch_static_branch(key, 1))

#endif
