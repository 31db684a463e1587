// SPDX-License-Identifier: GPL-2.0
/*
 * Every way the kernel expands the entry pieces from C; one
 * .altinstr_replacement entry is empty.
 */
// entries: __ex_table=8 .altinstructions=6 .altinstr_replacement=6
// entries: __bug_table=1 __jump_table=2 .discard.unwind_hints=2 .altinstr_aux=1
// entries: .smp_locks=2 runtime_ptr_table_base=1 runtime_shift_table_shift=1
// entries: .tracedata=1 _kprobe_blacklist=1 .discard.func_stack_frame_non_standard=1
#include "kernel_like.h"

char feature_byte;
int key;

/* Inlined four times: one %= number per copy keeps the names apart. */
static inline __attribute__((always_inline)) int read_safely(const int *p)
{
	int v = 0;

	__asm__ volatile("1: movl (%1), %0\n2:\n"
			 _ASM_EXTABLE(1b, 2b)
			 : "+r" (v) : "r" (p));
	return v;
}

int sum4(const int *p)
{
	return read_safely(p) + read_safely(p + 1) + read_safely(p + 2) +
	       read_safely(p + 3);
}

/* Two and three nested alternatives, all in one asm string. */
void barriers(void)
{
	__asm__ volatile(ALTERNATIVE_2("nop", "lfence", 1, "mfence", 2));
	__asm__ volatile(ALTERNATIVE_3("nop", "lfence", 1, "mfence", 2,
				       "", 3) ::: "memory");
	/* Two entries of one section in one statement, no nesting. */
	__asm__ volatile("1: nop\n2: nop\n3:\n"
			 _ASM_EXTABLE(1b, 3b) _ASM_EXTABLE(2b, 3b) ::: "memory");
}

/* Basic asm inside a function: %= stays literal here. */
void basic(void)
{
	__asm__ volatile("1: nop\n2:\n" _ASM_EXTABLE(1b, 2b));
	__asm__ volatile(ALTERNATIVE("nop", "pause", 4));
}

/* asm goto, as jump labels and _static_cpu_has() use it. */
int branch(void)
{
	__asm__ goto("1: .byte 0x0f,0x1f,0x44,0x00,0x00\n\t"
		     JUMP_TABLE_ENTRY("%c0", "%l[yes]")
		     : : "i" (&key) : : yes);
	__asm__ goto("1: jmp 6f\n"
		     "6:\n"
		     ALTINSTR_AUX(feature_byte)
		     "1: jmp %l[yes]\n"
		     "2:\n"
		     : : : : yes);
	return 0;
yes:
	return 1;
}

void check(int bad)
{
	if (bad)
		BUG_ENTRY();
	__asm__ volatile(UNWIND_HINT(1));
}

/* The tables boot code and the loaders read, and two of variables. */
unsigned long table_base;
unsigned int table_shift;
int counter;

unsigned long bucket(unsigned int hash)
{
	const void *where;

	__asm__ volatile(LOCK_PREFIX "incl %0" : "+m" (counter));
	TRACE_RESUME(where);
	return runtime_const_ptr(table_base) +
	       runtime_const_shift_right_32(hash, table_shift) +
	       (unsigned long)where;
}
NOKPROBE_SYMBOL(bucket);
STACK_FRAME_NON_STANDARD(bucket);

/* Basic asm: a lock prefix with %= literal. */
void locked_basic(void)
{
	__asm__ volatile(LOCK_PREFIX "incl counter");
}

/* Toplevel asm: no %= and no function around it. */
__asm__(".pushsection .text\n"
	".type toplevel_stub, @function\n"
	"toplevel_stub:\n"
	"1: nop\n2: ret\n"
	_ASM_EXTABLE(1b, 2b)
	UNWIND_HINT(2)
	"3: nop\n4:\n"
	JUMP_TABLE_ENTRY("key", "4b")
	".size toplevel_stub, . - toplevel_stub\n"
	".popsection\n");
