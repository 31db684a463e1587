// SPDX-License-Identifier: GPL-2.0
/*
 * Two functions whose entries are known: what --referencing must select.
 *   alpha: __ex_table 3 (one from the inlined helper), .altinstructions 2
 *          and their 2 replacements, __jump_table 1, __bug_table 1
 *   beta:  __ex_table 2 (one from the inlined helper), .altinstructions 1
 *          with its empty replacement, .discard.unwind_hints 1
 * gamma has entries of its own that neither selection may take.
 */
#include "kernel_like.h"

int key;

static inline __attribute__((always_inline)) int load(const int *p)
{
	int v = 0;

	__asm__ volatile("1: movl (%1), %0\n2:\n" _ASM_EXTABLE(1b, 2b)
			 : "+r" (v) : "r" (p));
	return v;
}

__attribute__((noinline)) int alpha(const int *p, int bad)
{
	int v = load(p);

	__asm__ volatile("1: nop\n2: nop\n3:\n"
			 _ASM_EXTABLE(1b, 3b) _ASM_EXTABLE(2b, 3b) ::: "memory");
	__asm__ volatile(ALTERNATIVE_2("nop", "lfence", 1, "mfence", 2) ::: "memory");
	__asm__ goto("1: .byte 0x0f,0x1f,0x44,0x00,0x00\n\t"
		     JUMP_TABLE_ENTRY("%c0", "%l[yes]")
		     : : "i" (&key) : : yes);
	if (bad)
		BUG_ENTRY();
	return v;
yes:
	return v + 1;
}

__attribute__((noinline)) int beta(const int *p)
{
	int v = load(p);

	__asm__ volatile("1: nop\n2:\n" _ASM_EXTABLE(1b, 2b) ::: "memory");
	__asm__ volatile(ALTERNATIVE("nop", "", 3) ::: "memory");
	__asm__ volatile(UNWIND_HINT(1) ::: "memory");
	return v;
}

__attribute__((noinline)) int gamma_(const int *p)
{
	__asm__ volatile(ALTERNATIVE("nop", "pause", 4) ::: "memory");
	return load(p);
}
