// SPDX-License-Identifier: GPL-2.0
/*
 * Linker padding. When "ld -r" concatenates the same section of several
 * objects (vmlinux.o), it aligns each input section to its sh_addralign
 * and fills the hole: i386's .altinstr_replacement is 16-aligned because a
 * CALL_NOSPEC replacement holds ".align 16", so a NOP can sit between the
 * entries of two objects. Such bytes belong to no entry and are no gap;
 * any other byte in a gap still is.
 */
#include <string.h>

#include "entries.h"
#include "padding.h"

/*
 * The NOPs binutils fills x86 code with (bfd/cpu-i386.c, gas's i386 NOP
 * tables): the long forms, and the lea/mov forms of plain i386.
 */
static const struct nop {
	unsigned char len;
	unsigned char bytes[11];
} nops[] = {
	{ 1, { 0x90 } },
	{ 2, { 0x66, 0x90 } },
	{ 3, { 0x0f, 0x1f, 0x00 } },
	{ 4, { 0x0f, 0x1f, 0x40, 0x00 } },
	{ 5, { 0x0f, 0x1f, 0x44, 0x00, 0x00 } },
	{ 6, { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 } },
	{ 7, { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 } },
	{ 8, { 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 } },
	{ 9, { 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 } },
	{ 10, { 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 } },
	{ 11, { 0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 } },
	{ 2, { 0x89, 0xf6 } },
	{ 3, { 0x8d, 0x76, 0x00 } },
	{ 4, { 0x8d, 0x74, 0x26, 0x00 } },
	{ 6, { 0x8d, 0xb6, 0x00, 0x00, 0x00, 0x00 } },
	{ 7, { 0x8d, 0xb4, 0x26, 0x00, 0x00, 0x00, 0x00 } },
	{ 7, { 0x8d, 0xbc, 0x27, 0x00, 0x00, 0x00, 0x00 } },
};

/* The length of the NOP at p (at most n bytes), 0 if there is none. */
static unsigned int nop_at(const unsigned char *p, uint64_t n)
{
	unsigned int i;

	for (i = 0; i < sizeof(nops) / sizeof(nops[0]); i++)
		if (nops[i].len <= n && !memcmp(p, nops[i].bytes, nops[i].len))
			return nops[i].len;
	return 0;
}

static int all_bytes(const unsigned char *p, uint64_t n, unsigned char c)
{
	while (n--)
		if (*p++ != c)
			return 0;
	return 1;
}

static int is_nops(const unsigned char *p, uint64_t n)
{
	while (n) {
		unsigned int len = nop_at(p, n);

		if (!len)
			return 0;
		p += len;
		n -= len;
	}
	return 1;
}

int is_link_padding(const struct elf_section *sec, uint64_t entry_size,
		    uint64_t from, uint64_t to)
{
	const unsigned char *p = sec->data + from;
	uint64_t n = to - from, align = sec->addralign;

	if (!sec->data || align < 2 || n >= align || to % align)
		return 0;
	/*
	 * Input sections of whole fixed-size entries that are a multiple of
	 * the alignment end aligned: the linker never pads between them.
	 */
	if (entry_size && entry_size % align == 0)
		return 0;
	if (!is_code_section(sec))
		return all_bytes(p, n, 0x00);
	return all_bytes(p, n, 0xcc) || is_nops(p, n);
}
