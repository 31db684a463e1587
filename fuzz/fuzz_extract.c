// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the extractor on one in-memory image. The verifier's
 * rules run first, as in extract_special_syms; on a clean image a few of
 * its functions are extracted and the output is laid out in memory, where
 * it must itself verify clean: whatever the input, what the extractor
 * writes is sound. A violation aborts, so the fuzzer keeps the input.
 */
#include <elf.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../extract/extract.h"
#include "../verify/check.h"
#include "../verify/report.h"

#define MAX_NAMES 4

/*
 * The first few defined functions, starting at one the input size picks:
 * no input byte is spent on it, so seeds stay real objects.
 */
static size_t pick_functions(const struct elf_view *v, size_t skip,
			     const char **names)
{
	size_t n = 0;
	uint32_t i;

	for (i = 1; i < v->nsyms && n < MAX_NAMES; i++) {
		const struct elf_symbol s = elf_sym(v, i);

		if (s.fault != SYM_OK || s.type != STT_FUNC ||
		    s.shndx == SHN_UNDEF || !s.name[0])
			continue;
		if (skip) {
			skip--;
			continue;
		}
		names[n++] = s.name;
	}
	return n;
}

static void check_output(struct elf_writer *w)
{
	unsigned char *image;
	size_t size;
	enum verdict verdict;

	if (elf_writer_image(w, &image, &size))
		return;		/* out of memory */
	verdict = verify_image("fuzz-output", image, size);
	if (verdict != VERDICT_CLEAN) {
		fprintf(stderr, "fuzz-output: the extractor wrote an object that does not verify (verdict %d)\n",
			verdict);
		abort();
	}
	free(image);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *names[MAX_NAMES];
	struct checked_file cf;
	struct elf_writer *w = NULL;
	enum verdict verdict;
	size_t n;

	report_opts.verbose = 0;
	report_opts.listing = LISTING_NONE;
	report_begin();
	verdict = check_image(&cf, "fuzz-input", data, size);
	if (verdict == VERDICT_UNUSABLE)
		goto out;
	if (verdict == VERDICT_CLEAN) {
		struct extract_roots roots = { .functions = names };

		n = pick_functions(&cf.view, size % 3, names);
		roots.nfunctions = n;
		if (n && extract_functions(&cf, &roots, &w) == VERDICT_CLEAN)
			check_output(w);
		elf_writer_free(w);
	}
	checked_file_close(&cf);
out:
	report_end();
	return 0;
}
