// SPDX-License-Identifier: GPL-2.0
/*
 * The user-space stand-in for the kernel's trap entry: the signal's
 * ucontext holds the trapping instruction pointer, and writing it back
 * resumes there, as the kernel's fixups rewrite pt_regs->ip.
 */
#include <signal.h>
#include <sys/ucontext.h>

#include "trap.h"

#ifdef __x86_64__
#define REG_IP	REG_RIP
#else
#define REG_IP	REG_EIP
#endif

static trap_fixer fixers[NSIG];

static void trap_handler(int sig, siginfo_t *info, void *context)
{
	greg_t *ip = &((ucontext_t *)context)->uc_mcontext.gregs[REG_IP];
	uintptr_t at = (uintptr_t)*ip;

	(void)info;
	if (fixers[sig](&at)) {
		*ip = (greg_t)at;
		return;
	}
	/* No entry: the instruction traps again and the default action kills. */
	signal(sig, SIG_DFL);
}

void install_trap(int sig, trap_fixer fix)
{
	struct sigaction sa = { .sa_sigaction = trap_handler,
				.sa_flags = SA_SIGINFO };

	fixers[sig] = fix;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}
