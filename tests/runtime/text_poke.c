// SPDX-License-Identifier: GPL-2.0
/*
 * Writing instructions into the running text, which is mapped read-only
 * and executable: writable around the write only, like the kernel's
 * text_poke() which writes through a temporary mapping.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runtime.h"

static void protect(uintptr_t start, uintptr_t end, int prot)
{
	if (mprotect((void *)start, end - start, prot)) {
		perror("text_poke: mprotect");
		exit(2);
	}
}

void text_poke(void *addr, const void *bytes, size_t len)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t start = (uintptr_t)addr & ~(page - 1);
	uintptr_t end = ((uintptr_t)addr + len + page - 1) & ~(page - 1);

	protect(start, end, PROT_READ | PROT_WRITE | PROT_EXEC);
	memcpy(addr, bytes, len);
	protect(start, end, PROT_READ | PROT_EXEC);
}
