/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPECSYMS_COPY_H
#define SPECSYMS_COPY_H

#include "extract.h"

/*
 * Describe the taken pieces to the writer: one output section per input
 * section they come from, the symbols defined in them, their bytes and
 * relocations, each relocation still naming what it named. 0 on success,
 * 1 when a relocation cannot be carried over (diagnosed), -1 when out of
 * memory.
 */
int copy_pieces(struct extraction *x, struct elf_writer *w);

#endif
