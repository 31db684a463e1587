// SPDX-License-Identifier: GPL-2.0
/*
 * The other object named holder.c: no local functions either, and none
 * of tests/linked/holder.c's local data.
 */
static int unrelated __attribute__((used)) = 3;

int other_holder_value(void)
{
	return unrelated;
}
