// With the option off the pieces vanish: no symbols, and the sections are
// then not annotated. (Byte identity is tested in test_objects.py.)
// expect: exit=1
// error: __ex_table+0x0: error: not annotated
#undef CONFIG_SPECIAL_SECTION_SYMBOLS
#include "kernel_like.h"

void f(void)
{
	__asm__ volatile("1: nop\n2:\n" _ASM_EXTABLE(1b, 2b) ::: "memory");
}
