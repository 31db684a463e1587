// SPDX-License-Identifier: GPL-2.0
/*
 * __jump_table: every site of a key is a 5-byte NOP or a jmp to its
 * target. A site jumps when the key's state differs from the branch
 * default in the low bit of the entry's key reference, the kernel's
 * jump_label_type().
 */
#include <stdint.h>
#include <string.h>

#include "entries.h"
#include "runtime.h"

struct static_key key_default_off = { .enabled = 0 };
struct static_key key_default_on = { .enabled = 1 };

#define JUMP_LABEL_NOP_SIZE	5

static const unsigned char nop5[JUMP_LABEL_NOP_SIZE] = {
	0x0f, 0x1f, 0x44, 0x00, 0x00
};

static void patch_site(const struct jump_entry *e, int jump)
{
	uintptr_t code = REL_TARGET(e->code);
	unsigned char insn[JUMP_LABEL_NOP_SIZE];
	int32_t rel;

	if (jump) {
		rel = (int32_t)(REL_TARGET(e->target) - (code + sizeof(insn)));
		insn[0] = 0xe9;
		memcpy(insn + 1, &rel, sizeof(rel));
	} else {
		memcpy(insn, nop5, sizeof(insn));
	}
	text_poke((void *)code, insn, sizeof(insn));
}

static void update_key(struct static_key *key)
{
	const struct jump_entry *e;

	for (e = __start___jump_table; e < __stop___jump_table; e++) {
		uintptr_t key_ref = REL_TARGET(e->key);

		if ((key_ref & ~JUMP_TYPE_MASK) == (uintptr_t)key)
			patch_site(e, key->enabled ^ !!(key_ref & JUMP_TYPE_BRANCH));
	}
}

void static_key_enable(struct static_key *key)
{
	key->enabled = 1;
	update_key(key);
}

void static_key_disable(struct static_key *key)
{
	key->enabled = 0;
	update_key(key);
}
