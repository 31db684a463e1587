/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An account for every reference into the code an extraction copies:
 * each section holding one is decided by its row of the carriage table.
 */
#ifndef SPECSYMS_ACCOUNT_H
#define SPECSYMS_ACCOUNT_H

#include <stdio.h>

#include "extract.h"

/*
 * After the walk: every relocation that points into copied code (a
 * function's section, a code entry taken) from bytes the extraction does
 * not copy is decided by its section's row. 0 when none is refused; 1
 * after printing each refusal, "IN: cannot patch: FUNCTION: why"; -1
 * when out of memory. explain, when set, gets a line per section
 * dropped or left with the code it also describes,
 * "IN: dropped: SECTION: N references into F[, G...]: why".
 */
int account_references(struct extraction *x, FILE *explain);

/* Whether any relocation of section sec of v points into code. */
int section_points_into_code(const struct elf_view *v, uint32_t sec);

/*
 * The carriage table over a whole object, as a make target lists a
 * tree: each section holding a relocation into code, with the row that
 * decides it: "IN: SECTION: WORD: ROW: why" on out (ROW: the row's
 * pattern, "units" or "code"). 0, or -1 when out of
 * memory.
 */
int account_sections(const struct checked_file *in, FILE *out);

#endif
