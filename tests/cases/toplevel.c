// Toplevel and basic asm: no operands, so %= stays literal and the
// assembler-time counter names the entries, across many statements.
// entries: __ex_table=5 .discard.unwind_hints=3 .altinstructions=2 .altinstr_replacement=2
#include "kernel_like.h"

__asm__(".text\n1: nop\n2: ret\n" _ASM_EXTABLE(1b, 2b) UNWIND_HINT(1));
__asm__(".text\n1: nop\n2: ret\n" _ASM_EXTABLE(1b, 2b) _ASM_EXTABLE(2b, 2b));

void basic_one(void)
{
	__asm__ volatile("1: nop\n2:\n" _ASM_EXTABLE(1b, 2b));
	__asm__ volatile(ALTERNATIVE("nop", "pause", 4));
	__asm__ volatile(UNWIND_HINT(2));
}

void basic_two(void)
{
	__asm__ volatile("1: nop\n2:\n" _ASM_EXTABLE(1b, 2b));
	__asm__ volatile(ALTERNATIVE("nop", "pause", 5) UNWIND_HINT(3));
}
