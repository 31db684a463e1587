/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the runtime provides: the static keys and feature numbers the
 * patchable functions name, and the mechanisms that give their entries
 * meaning. patchable.c names these but defines none of them, so that an
 * object extracted from it links against the runtime alone.
 */
#ifndef RUNTIME_RUNTIME_H
#define RUNTIME_RUNTIME_H

#include <stddef.h>

struct static_key {
	int enabled;
};

/* A key that starts disabled and one that starts enabled. */
extern struct static_key key_default_off, key_default_on;

/* Feature numbers, word * 32 + bit as in the kernel's cpufeatures.h. */
#define FEATURE_MOV_TWO		3
#define FEATURE_SKIP_INC	37
#define FEATURE_NEVER		70
#define FEATURE_WORDS		3

void set_feature(unsigned int feature);
int apply_alternatives(void);

void static_key_enable(struct static_key *key);
void static_key_disable(struct static_key *key);

void install_extable_handler(void);
unsigned int extable_fixups(void);

void install_bug_handler(void);
/* The last trap's entry, consumed: file and line, or 0 if none. */
int take_bug_report(const char **file, unsigned int *line);

void text_poke(void *addr, const void *bytes, size_t len);

#endif
