// SPDX-License-Identifier: GPL-2.0
/*
 * int3: one breakpoint trap from user space, caught. The kernel's int3
 * handler asks kprobes (kprobe_int3_handler()) and the die chain before
 * it sends SIGTRAP. Exit 0 when the signal came back.
 */
#include <signal.h>

static volatile sig_atomic_t trapped;

static void on_trap(int sig)
{
	trapped = sig == SIGTRAP;
}

int main(void)
{
	signal(SIGTRAP, on_trap);
	__asm__ volatile("int3");
	return trapped ? 0 : 1;
}
