/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The four entry layouts of Linux 6.12 x86, as the kernel reads them, and
 * the bounds of their sections in the linked runtime. Every reference in
 * an entry is relative to the field that holds it, so the entries need no
 * relocation at load time and mean the same wherever they were linked.
 */
#ifndef RUNTIME_ENTRIES_H
#define RUNTIME_ENTRIES_H

#include <stdint.h>

struct exception_table_entry {
	int32_t insn, fixup, data;
};

/* CONFIG_GENERIC_BUG_RELATIVE_POINTERS with CONFIG_DEBUG_BUGVERBOSE. */
struct bug_entry {
	int32_t bug_addr_disp;
	int32_t file_disp;
	uint16_t line;
	uint16_t flags;
};
#define BUGFLAG_WARNING	(1 << 0)

/* The key is a long: 16 bytes on x86_64, 12 on i386. */
struct jump_entry {
	int32_t code;
	int32_t target;
	long key;
};
/* The key's low bit says which way the site branches by default. */
#define JUMP_TYPE_BRANCH	1UL
#define JUMP_TYPE_MASK		3UL

struct alt_instr {
	int32_t instr_offset;
	int32_t repl_offset;
	uint32_t ft_flags;
	uint8_t instrlen;
	uint8_t replacementlen;
} __attribute__((packed));
#define ALT_FEATURE_MASK	0xffffu

/* The address a field's relative value points at. */
#define REL_TARGET(field)	((uintptr_t)&(field) + (field))

/*
 * ld defines __start_SEC/__stop_SEC for sections named like C identifiers;
 * altinstructions.ld defines the bounds of .altinstructions. Weak, so
 * that a link without one of the sections still links and finds no
 * entries instead of failing: the tests link such objects on purpose.
 */
#define ENTRY_SECTION(type, start, stop)				\
	extern const type start[] __attribute__((weak));		\
	extern const type stop[] __attribute__((weak))

ENTRY_SECTION(struct exception_table_entry, __start___ex_table, __stop___ex_table);
ENTRY_SECTION(struct bug_entry, __start___bug_table, __stop___bug_table);
ENTRY_SECTION(struct jump_entry, __start___jump_table, __stop___jump_table);
ENTRY_SECTION(struct alt_instr, __alt_instructions, __alt_instructions_end);

#endif
