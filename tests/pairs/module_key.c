// SPDX-License-Identifier: GPL-2.0
/*
 * What tests/pairs/patchable.c's original object is linked with (ld -r) to
 * make the "module" klp_module resolves against: a static key of its own,
 * and another caller of patchable.c's shared_step().
 */
char hidden_key[16];

extern int shared_step(int x, int by);

static __attribute__((noinline)) int key_step(int x, int by)
{
	return shared_step(x + by, by) + 1;
}

int key_user(int x)
{
	return key_step(x, x >> 1) * 2;
}
