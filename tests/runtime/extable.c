// SPDX-License-Identifier: GPL-2.0
/* __ex_table: a fault at a listed instruction resumes at its fixup. */
#include <signal.h>

#include "entries.h"
#include "runtime.h"
#include "trap.h"

static volatile unsigned int fixups;

static int fixup_exception(uintptr_t *ip)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++) {
		if (REL_TARGET(e->insn) == *ip) {
			*ip = REL_TARGET(e->fixup);
			fixups++;
			return 1;
		}
	}
	return 0;
}

void install_extable_handler(void)
{
	install_trap(SIGSEGV, fixup_exception);
}

unsigned int extable_fixups(void)
{
	return fixups;
}
