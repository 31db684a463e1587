// SPDX-License-Identifier: GPL-2.0
/*
 * Functions whose entries are known, for the extractor (the counts are in
 * tests/test_extract.py). Built with -ffunction-sections.
 *   alpha, beta, gamma_: --referencing's known answers, included below.
 *           beta's empty replacement starts where gamma_'s starts: the
 *           two .altinstructions entries pointing there pair with the
 *           two replacements in order, so each function takes its own
 *   epsilon: __ex_table 1, .altinstructions 1 and its replacement; its
 *           unlikely path goes to epsilon.cold with gcc, and with it a
 *           __bug_table entry whose file name is a string literal, and a
 *           format string
 *   zeta:   __ex_table 1; it calls a static function and reads a static
 *           variable and a string that is not the first of its section
 *   delta:  no entries; a switch table, bytes no symbol names, with
 *           relocations of their own
 * epsilon, zeta and delta have a site each in .call_sites, an objtool
 * style table without entry symbols; the test gives it an sh_entsize.
 * With -DINVENTED_TABLE, epsilon also has an entry in a table no rule of
 * the carriage table names, which refuses it.
 */
#include "../select/two_functions.c"

extern int report(const char *fmt, ...);
/* Calling a cold function makes gcc move the path into epsilon.cold. */
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

static __attribute__((noinline)) int helper(int x)
{
	return report("helper %d\n", x) + x;
}

__attribute__((noinline)) int epsilon(const int *p)
{
	int v = lookup(load(p));

	__asm__ volatile(ALTERNATIVE("nop", "lfence", 5) ::: "memory");
	CALL_SITE();
#ifdef INVENTED_TABLE
	__asm__ volatile("1: nop\n"
			 " .pushsection .invented_table, \"a\"\n"
			 " .long 1b - .\n"
			 " .popsection\n");
#endif
	if (__builtin_expect(v > 100, 0)) {
		warn("epsilon: %d is too much\n", v);
		BUG_ENTRY();
		stop();
	}
	return v;
}

__attribute__((noinline)) int zeta(const int *p)
{
	int v = load(p);

	CALL_SITE();
	counter += v;
	return helper(v) + counter + report("zeta\n");
}

__attribute__((noinline)) int delta(int x)
{
	CALL_SITE();
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
