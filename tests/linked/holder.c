// SPDX-License-Identifier: GPL-2.0
/*
 * A rebuilt object without local functions whose own data holds the
 * address of its changed untraced global (an export's __ksymtab_NAME
 * does so in Linux 6.1). tests/test_extract_linked_files.py links it
 * with tests/linked/other/holder.c, another object of the same file
 * name, as kernel/trace/trace_clock.c and arch/x86/kernel/trace_clock.c
 * are in a vmlinux.o.
 */
#define notrace __attribute__((no_instrument_function))

#ifdef PATCHED
#define STEP 2
#else
#define STEP 1
#endif

notrace __attribute__((noinline)) int held_step(int x)
{
	return x + STEP;
}

static int (*const held_step_ref)(int) __attribute__((used)) = held_step;
