// SPDX-License-Identifier: GPL-2.0
/*
 * The statics a livepatch module may carry a copy of instead of binding
 * to the running kernel's. Everything else that holds state is bound, or,
 * when the patch changes its size or initial value, refused.
 *
 *  name (without gcc's .N or clang's FUNCTION. prefix)
 *                      made by, and why a copy is safe
 *
 *  __already_done      DO_ONCE_LITE(): WARN_ONCE(), printk_once(),
 *                      pr_*_once(). A once-flag: the patched code prints
 *                      at most once more.
 *  __warned            RCU_LOCKDEP_WARN() and other hand-written once-flags:
 *                      the same.
 *  __print_once        the older printk_once(): the same.
 *  ___done, ___once_key
 *                      DO_ONCE() (get_random_once()): the patched code may
 *                      run its once-function again, which only reseeds
 *                      what it initialises; the key is its own.
 *  __key               lockdep class keys of mutex_init(),
 *                      spin_lock_init(), init_waitqueue_head()...: a lock
 *                      the patched code initialises gets a class of its
 *                      own, which lockdep tells apart by address.
 *  _rs                 DEFINE_RATELIMIT_STATE() of printk_ratelimited()
 *                      and friends: the copy limits its own messages.
 *  __func__            the function's name, a constant string.
 *  __UNIQUE_ID_ddebug  dynamic debug descriptors of pr_debug(): the module
 *                      registers its own, controlled as the module's.
 *
 * Read-only statics that gcc numbers (a function's static const table,
 * a switch's CSWTCH lookup table) hold no state either; they are compared
 * as bytes of the code that uses them and copied with it, as the
 * comparison and the walk decide, not by this table.
 */
#include <ctype.h>
#include <string.h>

#include "duplicable.h"

enum match { EXACT, PREFIX };

static const struct {
	const char *name;
	enum match match;
} duplicable[] = {
	{ "__already_done", EXACT },
	{ "__warned", EXACT },
	{ "__print_once", EXACT },
	{ "___done", EXACT },
	{ "___once_key", EXACT },
	{ "__key", EXACT },
	{ "_rs", EXACT },
	{ "__func__", EXACT },
	{ "__UNIQUE_ID_ddebug", PREFIX },
};

size_t static_base(const char *name, const char **start)
{
	size_t len = strlen(name);
	const char *dot;

	/* __UNIQUE_ID_nameN: __COUNTER__ is the number */
	if (!strncmp(name, "__UNIQUE_ID_", 12)) {
		while (len > 12 && isdigit((unsigned char)name[len - 1]))
			len--;
		*start = name;
		return len;
	}

	/* gcc: NAME.N, NAME.N.M (a clone's copy) */
	for (;;) {
		size_t digits = 0;

		while (digits < len && isdigit((unsigned char)name[len - 1 - digits]))
			digits++;
		if (!digits || digits == len || name[len - 1 - digits] != '.')
			break;
		len -= digits + 1;
	}
	/* clang: FUNCTION.NAME */
	dot = memchr(name, '.', len);
	*start = name;
	if (dot && dot > name && dot + 1 < name + len) {
		const char *last = dot;

		while ((dot = memchr(last + 1, '.', name + len - last - 1)))
			last = dot;
		*start = last + 1;
		len -= *start - name;
	}
	return len;
}

int is_duplicable(const char *name)
{
	const char *base;
	size_t len = static_base(name, &base), k;

	for (k = 0; k < sizeof(duplicable) / sizeof(duplicable[0]); k++) {
		size_t n = strlen(duplicable[k].name);

		if (duplicable[k].match == EXACT ? len == n && !strncmp(base, duplicable[k].name, n)
						 : len >= n && !strncmp(base, duplicable[k].name, n))
			return 1;
	}
	return 0;
}
