// One wrapped entry in a static inline function, inlined sixteen times:
// sixteen asm instances, sixteen %= numbers, sixteen distinct names.
// entries: __ex_table=16
#include "kernel_like.h"

static inline __attribute__((always_inline)) int load(const int *p)
{
	int v = 0;

	__asm__ volatile("1: movl (%1), %0\n2:\n" _ASM_EXTABLE(1b, 2b)
			 : "+r" (v) : "r" (p));
	return v;
}

int sum(const int *p)
{
	int s = 0;

#pragma GCC unroll 16
	for (int i = 0; i < 16; i++)
		s += load(p + i);
	return s;
}
