// SPDX-License-Identifier: GPL-2.0
/*
 * Calls the patchable functions before and after the runtime gives their
 * entries meaning, and prints one line of observations per mechanism.
 * The lines hold no addresses, so a link of the original object and one
 * of the functions extracted from it must print the same.
 */
#include <stdio.h>

#include "patchable.h"
#include "runtime.h"

static const char *taken(int branch)
{
	return branch ? "taken" : "not taken";
}

static void observe_extable(void)
{
	static const int good = 42;
	unsigned int before;
	int v = 0, err;

	err = get_user_int(&v, &good);
	printf("extable: get_user_int(good) -> %d, value %d\n", err, v);
	before = extable_fixups();
	err = get_user_int(&v, NULL);
	printf("extable: get_user_int(NULL) -> %d%s\n", err,
	       extable_fixups() == before + 1 ? " (fixed up)" : "");
}

static void observe_bug(void)
{
	const char *file;
	unsigned int line;
	int r;

	r = checked_double(3);
	printf("bug: checked_double(3) -> %d, %s\n", r,
	       take_bug_report(&file, &line) ? "warned" : "no warning");
	r = checked_double(-3);
	if (take_bug_report(&file, &line))
		printf("bug: checked_double(-3) -> WARNING at %s:%u, then %d\n",
		       file, line, r);
	else
		printf("bug: checked_double(-3) -> %d, no warning\n", r);
}

static void observe_jump(void)
{
	int off, on, off_again;

	off = branch_unlikely();
	static_key_enable(&key_default_off);
	on = branch_unlikely();
	static_key_disable(&key_default_off);
	off_again = branch_unlikely();
	printf("jump: unlikely branch: key off -> %s; key on -> %s; key off -> %s\n",
	       taken(off), taken(on), taken(off_again));

	on = branch_likely();
	static_key_disable(&key_default_on);
	off = branch_likely();
	static_key_enable(&key_default_on);
	printf("jump: likely branch: key on -> %s; key off -> %s; key on -> %s\n",
	       taken(on), taken(off), taken(branch_likely()));
}

static void observe_alternatives(void)
{
	int mov = alt_mov(), empty = alt_empty(4), unset = alt_unset();

	set_feature(FEATURE_MOV_TWO);
	set_feature(FEATURE_SKIP_INC);
	if (apply_alternatives() < 0)
		return;
	printf("alternative: feature clear -> %d; feature set -> %d\n",
	       mov, alt_mov());
	printf("alternative: empty replacement: alt_empty(4) feature clear -> %d; feature set -> %d\n",
	       empty, alt_empty(4));
	printf("alternative: feature never set -> %d; after applying -> %d\n",
	       unset, alt_unset());
}

int main(void)
{
	/* Line by line, so a run killed by a signal keeps what it printed. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	install_extable_handler();
	install_bug_handler();
	observe_extable();
	observe_bug();
	observe_jump();
	observe_alternatives();
	return 0;
}
