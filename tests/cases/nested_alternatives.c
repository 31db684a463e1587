// ALTERNATIVE_2 and _3 expand ALTERNATIVE inside ALTERNATIVE in one asm
// string, so one %= number is shared by several entries: \@ tells them apart.
// An exception table entry inside a replacement nests one section in another.
// entries: .altinstructions=8 .altinstr_replacement=8 __ex_table=1
#include "kernel_like.h"

static inline void fence(void)
{
	__asm__ volatile(ALTERNATIVE_2("", "lfence", 1, "mfence", 2) ::: "memory");
}

void fences(void)
{
	fence();
	fence();
	__asm__ volatile(ALTERNATIVE_3("nop", "lfence", 1, "mfence", 2,
				       "sfence", 3) ::: "memory");
	__asm__ volatile(ALTERNATIVE("nop",
				     "1: movl (%%eax), %%eax\n2:\n"
				     _ASM_EXTABLE(1b, 2b), 4) ::: "eax", "memory");
}
