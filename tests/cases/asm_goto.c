// asm goto, as static branches use it, inlined into several callers.
// entries: __jump_table=6
#include "kernel_like.h"

int key;

static inline __attribute__((always_inline)) int likely_off(void)
{
	__asm__ goto("1: .byte 0x0f,0x1f,0x44,0x00,0x00\n\t"
		     JUMP_TABLE_ENTRY("%c0", "%l[yes]")
		     : : "i" (&key) : : yes);
	return 0;
yes:
	return 1;
}

int a(void) { return likely_off() + 1; }
int b(void) { return likely_off() + 2; }
int c(void) { return likely_off() + likely_off() + likely_off() + likely_off(); }
