// SPDX-License-Identifier: GPL-2.0
/*
 * Functions whose behaviour depends on their special-section entries, one
 * kind each, and a distractor with entries of every kind that is never
 * called: it is what an extraction must leave behind.
 *
 * Build with -ffunction-sections and from the repository root, so that
 * __FILE__ is the same relative path in every build.
 */
#include "emitters.h"
#include "patchable.h"

/* __ex_table: a fault in the load returns -EFAULT instead of crashing. */
int get_user_int(int *dst, const int *src)
{
	int v, err;

	GET_USER_ASM(v, src, err);
	*dst = v;
	return err;
}

/* __bug_table: a WARN-like trap, reported with its file and line. */
int checked_double(int x)
{
	if (x < 0)
		WARN_TRAP();	/* the line the runtime reports */
	return 2 * x;
}

/* __jump_table: a site that jumps once its key is enabled... */
int branch_unlikely(void)
{
	return static_branch_unlikely(&key_default_off);
}

/* ...and one that falls through while its key stays enabled. */
int branch_likely(void)
{
	return static_branch_likely(&key_default_on);
}

/* .altinstructions: 1, or 2 once the feature is set. */
int alt_mov(void)
{
	int r;

	__asm__ volatile(ALTERNATIVE("movl $1, %%eax", "movl $2, %%eax",
				     FEATURE_MOV_TWO) : "=a" (r));
	return r;
}

/* An empty replacement turns the increment into NOPs. */
int alt_empty(int x)
{
	__asm__ volatile(ALTERNATIVE("incl %0", "", FEATURE_SKIP_INC)
			 : "+r" (x));
	return x;
}

/* A feature that is never set: applying alternatives must skip it. */
int alt_unset(void)
{
	int r;

	__asm__ volatile(ALTERNATIVE("movl $1, %%eax", "movl $3, %%eax",
				     FEATURE_NEVER) : "=a" (r));
	return r;
}

/* Never called, never extracted: its entries must not come along. */
int distractor(const int *p)
{
	int v, err;

	GET_USER_ASM(v, p, err);
	if (err)
		WARN_TRAP();
	if (static_branch_unlikely(&key_default_off))
		v++;
	__asm__ volatile(ALTERNATIVE("incl %0", "addl $2, %0", FEATURE_MOV_TWO)
			 : "+r" (v));
	return v;
}
