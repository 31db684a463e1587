// SPDX-License-Identifier: GPL-2.0
/*
 * One extraction, start to end: index the places, take the roots, walk,
 * copy into a writer.
 */
#include <elf.h>
#include <stdlib.h>

#include "../elf/diagnostics.h"
#include "copy.h"
#include "pieces.h"
#include "roots.h"
#include "walk.h"

static enum verdict run(struct extraction *x, const struct extract_roots *roots,
			struct elf_writer **out)
{
	int ret;

	if (places_build(&x->places, x->in) || pieces_init(x))
		return VERDICT_UNUSABLE;
	ret = take_roots(x, roots);
	if (ret)
		return ret < 0 ? VERDICT_UNUSABLE : VERDICT_VIOLATIONS;
	if (walk(x))
		return VERDICT_UNUSABLE;
	*out = elf_writer_new(x->v->is64, x->v->machine, x->rela);
	if (!*out)
		return VERDICT_UNUSABLE;
	ret = copy_pieces(x, *out);
	if (ret)
		return ret < 0 ? VERDICT_UNUSABLE : VERDICT_VIOLATIONS;
	return VERDICT_CLEAN;
}

enum verdict extract_functions(const struct checked_file *in,
			       const struct extract_roots *roots,
			       struct elf_writer **out)
{
	struct extraction x = { 0 };
	enum verdict verdict;
	unsigned long errors = report_errors;

	*out = NULL;
	x.in = in;
	x.v = &in->view;
	x.rela = elf_uses_rela(x.v);
	if (!x.v->is_relocatable) {
		report_error(x.v, NULL, 0, "not a relocatable object: functions are extracted from ET_REL files");
		return VERDICT_UNUSABLE;
	}
	verdict = run(&x, roots, out);
	/* Out of memory is the one failure not diagnosed where it happens. */
	if (verdict == VERDICT_UNUSABLE && report_errors == errors)
		report_unusable(x.v->path, "out of memory");
	if (verdict != VERDICT_CLEAN) {
		elf_writer_free(*out);
		*out = NULL;
	}
	pieces_free(&x);
	places_free(&x.places);
	return verdict;
}
