// SPDX-License-Identifier: GPL-2.0
/*
 * A source and its patch, for --changed: built once as it is and once
 * with -DPATCHED (the same flags, -ffunction-sections), the extractor must
 * find exactly these functions (tests/test_extract_changed.py):
 *
 * changed: code_changed, string_changed, call_renamed, addend_changed, cold_changed
 * new: added
 * data: added_after, added_before, calls
 * removed: removed
 *
 *   code_changed    other instructions
 *   string_changed  the same code; a string literal it prints is longer
 *   call_renamed    the same code; it calls another function
 *   addend_changed  the same code; it reads another element of an array
 *   cold_changed    its string lives in gcc's cold part only
 *   strings_moved   unchanged, but its strings come after string_changed's
 *                   in the same section: their offsets move
 *   uses_counter    unchanged; the static it reads moves in .bss, and it
 *                   calls a static function through its section symbol
 *   uses_aux        unchanged; it jumps into its own entry, an
 *                   .altinstr_aux stub, whose symbol's %= number moves
 *                   with added's asm before it
 *   uses_statics    unchanged; gcc numbers its statics (offsets.N) counting
 *                   added's, and one of them points at itself
 *   added, removed  only in the patched source, only in the original
 *
 * The data is what added() needs that the original lacks, its static
 * "calls" among them (gcc's calls.N, clang's added.calls).
 */
#include "kernel_like.h"

extern int report(const char *fmt, ...);
extern int old_helper(int x);
extern int new_helper(int x);
extern void warn(const char *fmt, ...) __attribute__((cold));
extern char feature_byte;
extern int table[4];

/* gcc lays statics out in the reverse order of clang's: one each side. */
#ifdef PATCHED
static int added_before;
#endif
static int counter;
#ifdef PATCHED
static int added_after;
#endif

int code_changed(int x)
{
#ifdef PATCHED
	return x * 3 + 1;
#else
	return x * 2 + 1;
#endif
}

int string_changed(int x)
{
#ifdef PATCHED
	return report("string_changed: %d, patched\n", x);
#else
	return report("string_changed: %d\n", x);
#endif
}

int strings_moved(int x)
{
	return report("strings_moved: %d\n", x) + report("strings_moved again\n");
}

int call_renamed(int x)
{
#ifdef PATCHED
	return new_helper(x);
#else
	return old_helper(x);
#endif
}

int addend_changed(void)
{
#ifdef PATCHED
	return table[2];
#else
	return table[1];
#endif
}

int cold_changed(int x)
{
	if (__builtin_expect(x > 100, 0)) {
#ifdef PATCHED
		warn("cold_changed: %d is too much\n", x);
#else
		warn("cold_changed: %d\n", x);
#endif
		return -1;
	}
	return x;
}

int uses_statics(int i)
{
	static const int offsets[] = { 3, 1, 4, 1 };
	static const void *self = &self;

	return offsets[i & 3] + (self != 0);
}

#ifdef PATCHED
int added(int x)
{
	static int calls;

	calls++;
	added_before += x;
	added_after -= x;
	__asm__ volatile(ALTERNATIVE("nop", "pause", 4) ::: "memory");
	return report("added: %d, %d\n", added_before + added_after, calls);
}
#else
int removed(int x)
{
	return x - 1;
}
#endif

static __attribute__((noinline)) int bump(int x)
{
	return x + 1;
}

int uses_counter(int x)
{
	counter += bump(x);
	return counter;
}

/* _static_cpu_has(): the code jumps into its .altinstr_aux stub. */
int uses_aux(void)
{
	__asm__ goto("1: jmp 6f\n"
		     ".pushsection .altinstr_aux,\"ax\"\n"
		     SPECIAL_SYM_LABEL(7774) "6: testb $1, feature_byte\n"
		     " jnz %l[yes]\n"
		     " jmp 2f\n"
		     SPECIAL_SYM_CODE_POPSECTION(7774b) "\n"
		     "2:\n"
		     : : : : yes);
	return 0;
yes:
	return 1;
}
