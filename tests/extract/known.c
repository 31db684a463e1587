// SPDX-License-Identifier: GPL-2.0
/*
 * Functions whose entries are known, for the extractor (the counts are in
 * tests/test_extract.py). Built with -ffunction-sections.
 *   alpha:  __ex_table 3 (one from the inlined helper), .altinstructions 2
 *           and their 2 replacements, __jump_table 1; its unlikely path
 *           goes to alpha.cold with gcc, and with it a __bug_table entry
 *           whose file name is a string literal
 *   beta:   __ex_table 2 (one from the inlined helper), .altinstructions 1
 *           with an empty replacement, .discard.unwind_hints 1; it calls
 *           a static function and reads a static variable and a string
 *   gamma_: .altinstructions 1, its replacement starting where beta's
 *           empty one does: each function takes both replacements there
 *           and neither takes the other's .altinstructions entry
 *   delta:  no entries; a switch table, bytes no symbol names, with
 *           relocations of their own
 * alpha, beta and gamma_ also have a site each in .call_sites, an objtool
 * style table without entry symbols; the test gives it an sh_entsize.
 */
#include "kernel_like.h"

int key;
extern int report(const char *fmt, ...);
/* Calling a cold function makes gcc move the path into alpha.cold. */
extern void warn(const char *fmt, ...) __attribute__((cold));
extern int lookup(int x);
extern void stop(void) __attribute__((noreturn));

static int counter;

/* What objtool's tables look like: an array of references, no symbols. */
#define CALL_SITE()							\
	__asm__ volatile("1: nop\n"					\
			 " .pushsection .call_sites, \"a\"\n"		\
			 " .long 1b - .\n"					\
			 " .popsection\n")

static inline __attribute__((always_inline)) int load(const int *p)
{
	int v = 0;

	__asm__ volatile("1: movl (%1), %0\n2:\n" _ASM_EXTABLE(1b, 2b)
			 : "+r" (v) : "r" (p));
	return v;
}

static __attribute__((noinline)) int helper(int x)
{
	return report("helper %d\n", x) + x;
}

__attribute__((noinline)) int alpha(const int *p)
{
	int v = load(p);

	__asm__ volatile("1: nop\n2: nop\n3:\n"
			 _ASM_EXTABLE(1b, 3b) _ASM_EXTABLE(2b, 3b) ::: "memory");
	__asm__ volatile(ALTERNATIVE_2("nop", "lfence", 1, "mfence", 2) ::: "memory");
	CALL_SITE();
	__asm__ goto("1: .byte 0x0f,0x1f,0x44,0x00,0x00\n\t"
		     JUMP_TABLE_ENTRY("%c0", "%l[yes]")
		     : : "i" (&key) : : yes);
	v = lookup(v);
	if (__builtin_expect(v > 100, 0)) {
		warn("alpha: %d is too much\n", v);
		BUG_ENTRY();
		stop();
	}
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
	CALL_SITE();
	counter += v;
	return helper(v) + counter + report("beta\n");
}

__attribute__((noinline)) int gamma_(void)
{
	__asm__ volatile(ALTERNATIVE("nop", "pause", 4) ::: "memory");
	CALL_SITE();
	return counter;
}

__attribute__((noinline)) int delta(int x)
{
	switch (x) {
	case 0: return lookup(1);
	case 1: return 7;
	case 2: return lookup(9) + 2;
	case 3: return lookup(x) * 3;
	case 4: return 13;
	case 5: return lookup(17) - 1;
	case 6: return 21;
	}
	return 0;
}
