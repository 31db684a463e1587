// SPDX-License-Identifier: GPL-2.0
/*
 * __bug_table: a ud2 with an entry is a BUG or a WARN at a file and line.
 * A warning is recorded and execution goes on after the ud2, as the
 * kernel's handle_bug() does; a BUG, or a ud2 without an entry, kills.
 */
#include <signal.h>
#include <string.h>

#include "entries.h"
#include "runtime.h"
#include "trap.h"

static const unsigned char ud2[] = { 0x0f, 0x0b };
static const struct bug_entry *volatile reported;

static int report_bug(uintptr_t *ip)
{
	const struct bug_entry *e;

	if (memcmp((const void *)*ip, ud2, sizeof(ud2)))
		return 0;
	for (e = __start___bug_table; e < __stop___bug_table; e++) {
		if (REL_TARGET(e->bug_addr_disp) != *ip)
			continue;
		if (!(e->flags & BUGFLAG_WARNING))
			return 0;
		reported = e;
		*ip += sizeof(ud2);
		return 1;
	}
	return 0;
}

void install_bug_handler(void)
{
	install_trap(SIGILL, report_bug);
}

int take_bug_report(const char **file, unsigned int *line)
{
	const struct bug_entry *e = reported;

	reported = NULL;
	if (!e)
		return 0;
	*file = (const char *)REL_TARGET(e->file_disp);
	*line = e->line;
	return 1;
}
