// SPDX-License-Identifier: GPL-2.0
/*
 * What tests/pairs/patchable.c's original object is linked with (ld -r) to
 * make the "module" klp_module resolves against: a static key of its own.
 */
char hidden_key[16];
