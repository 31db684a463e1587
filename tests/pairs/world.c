// SPDX-License-Identifier: GPL-2.0
/*
 * What the original object of tests/pairs/patchable.c is linked with to
 * make the "vmlinux" klp_module resolves against: the symbols it names and
 * an entry point. Which of them vmlinux exports, patchable.c says.
 */
char exported_key[16], other_key[16], hidden_key[16];
int feature_word;

void __fentry__(void)
{
}

int report(const char *fmt, ...)
{
	return fmt[0];
}

void lock_init(int *lock, const char *name, void *key)
{
	*lock = name[0] + (key != 0);
}

void _start(void)
{
	for (;;)
		;
}
