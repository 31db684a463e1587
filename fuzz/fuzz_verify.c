// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the whole verifier on one in-memory image.
 *
 * Output is part of what is fuzzed (a bad name pointer only shows when it
 * is printed), so diagnostics and listings are produced, not disabled:
 * the make targets run with -close_fd_mask=3, which sends them to
 * /dev/null while libFuzzer and the sanitizers keep their own stderr.
 * Run by hand on a crash file, everything is shown.
 */
#include <stddef.h>
#include <stdint.h>

#include "../verify/check.h"
#include "../verify/report.h"

/* Functions of the demo objects, so --referencing finds something. */
static const char *functions[] = { "demo_copy", "sum4", "barriers", "branch" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/*
	 * Every combination of listing, --deep and --referencing, picked by
	 * the input size: no input byte is spent on it, so seeds stay real
	 * objects, and libFuzzer varies the size all the time.
	 */
	unsigned int mode = size % 12;

	report_opts.verbose = 1;
	report_opts.listing = (enum listing)(mode % 3);
	check_opts.deep = mode / 3 % 2;
	check_opts.referencing = mode >= 6 ? functions : NULL;
	check_opts.nreferencing = mode >= 6 ? sizeof(functions) / sizeof(*functions) : 0;
	report_begin();
	verify_image("fuzz-input", data, size);
	report_end();
	return 0;
}
