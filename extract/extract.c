// SPDX-License-Identifier: GPL-2.0
/*
 * One extraction, start to end: index the places, take the roots, walk,
 * copy into a writer.
 */
#include <elf.h>
#include <stdlib.h>

#include "../elf/diagnostics.h"
#include "account.h"
#include "carriage.h"
#include "copy.h"
#include "pieces.h"
#include "roots.h"
#include "walk.h"

/*
 * The functions and data objects the pieces copy, by name; a cold part
 * is its function's.
 */
static int list_copied(const struct extraction *x,
		       const struct extract_roots *roots)
{
	const struct function_index *named = &x->places.named;
	uint64_t i, k;

	for (i = 0; i < x->npieces; i++) {
		const struct piece *p = &x->pieces[i];

		if (p->object && roots->copied_data &&
		    add_name(roots->copied_data, elf_sym(x->v, p->object).name))
			return -1;
		if (p->unit || p->object || x->whole[p->sec] != i + 1 ||
		    !roots->copied_functions)
			continue;
		for (k = named->first[p->sec]; k < named->first[p->sec + 1]; k++) {
			const struct elf_symbol s = elf_sym(x->v, named->funcs[k]);

			if (s.type == STT_FUNC && !cold_base(s.name) &&
			    add_name(roots->copied_functions, s.name))
				return -1;
		}
	}
	return 0;
}

/* The sections of the units taken that the module applies at load. */
static int list_at_load(const struct extraction *x,
			const struct extract_roots *roots)
{
	uint32_t last = 0;
	uint64_t i;

	for (i = 0; roots->at_load && i < x->npieces; i++) {
		const struct piece *p = &x->pieces[i];

		if (!p->unit || p->sec == last ||
		    carriage_rule(x->v, &x->places, p->sec)->what != CARRIED_AT_LOAD)
			continue;
		last = p->sec;
		if (add_name(roots->at_load, x->v->sections[p->sec].name))
			return -1;
	}
	return 0;
}

static enum verdict run(struct extraction *x, const struct extract_roots *roots,
			struct elf_writer **out)
{
	int ret;

	if (places_build(&x->places, x->in) || pieces_init(x))
		return VERDICT_UNUSABLE;
	x->is_root = calloc(x->v->nsyms + 1, 1);
	if (!x->is_root)
		return VERDICT_UNUSABLE;
	x->carry = roots->carry;
	x->rename = roots->rename;
	ret = take_roots(x, roots);
	if (ret)
		return ret < 0 ? VERDICT_UNUSABLE : VERDICT_VIOLATIONS;
	ret = walk(x);
	if (!ret)
		ret = account_references(x, roots->explain);
	if (ret)
		return ret < 0 ? VERDICT_UNUSABLE : VERDICT_VIOLATIONS;
	if (list_copied(x, roots) || list_at_load(x, roots))
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
	free(x.is_root);
	return verdict;
}
