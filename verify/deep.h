/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPECSYMS_DEEP_H
#define SPECSYMS_DEEP_H

#include "entries.h"
#include "functions.h"
#include "relocs.h"

/*
 * --deep: consistency of the x86 sections whose layout is public. Each
 * .altinstructions entry names the start of exactly one replacement entry
 * of replacementlen bytes; each exception table, jump table and bug entry
 * describes code: a function or a sized STT_NOTYPE symbol of a code section
 * (code_index_build()).
 */
void check_deep(const struct elf_view *v, const struct entry_table *t,
		const struct function_index *fi, uint32_t sec,
		const struct section_relocs *relocs);

#endif
