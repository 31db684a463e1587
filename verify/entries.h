/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry symbols grouped by section and sorted by offset: the one index
 * every rule and every listing works from.
 */
#ifndef SPECSYMS_ENTRIES_H
#define SPECSYMS_ENTRIES_H

#include <stdint.h>

#include "../elf/elf_view.h"
#include "policy.h"

struct entry {
	uint64_t offset;	/* from the section start */
	uint64_t size;
	uint32_t sym;		/* index into view->symbols */
	unsigned char type;	/* STT_OBJECT or STT_NOTYPE */
};

struct entry_table {
	struct section_rule *rules;	/* per section */
	uint64_t *first;		/* per section; first[shnum] = total */
	struct entry *entries;		/* all, grouped by section */
	/*
	 * Symbols the symbol-table rules must look at: faulty, or named
	 * with the reserved prefix but not entry symbols. In index order.
	 */
	uint32_t *flagged;
	uint32_t nflagged;
};

int entry_table_build(struct entry_table *t, const struct elf_view *view);
void entry_table_free(struct entry_table *t);

static inline struct entry *section_entries(const struct entry_table *t,
					    uint32_t sec, uint64_t *count)
{
	*count = t->first[sec + 1] - t->first[sec];
	return t->entries + t->first[sec];
}

/* Index of the first of the n sorted entries at or after offset. */
uint64_t entries_lower_bound(const struct entry *e, uint64_t n, uint64_t offset);

/* Does entry e lie inside the bytes of section sec, so it can be read? */
static inline int entry_readable(const struct elf_section *sec,
				 const struct entry *e)
{
	return sec->data && e->offset <= sec->size &&
	       e->size <= sec->size - e->offset;
}

static inline int is_code_section(const struct elf_section *sec)
{
	return (sec->flags & SHF_EXECINSTR) != 0;
}

/*
 * Entry symbol, defined in a section the policy checks: STT_OBJECT, or in
 * a code section STT_NOTYPE, which leaves the entry's instructions readable
 * to disassemblers. In code, zero-size STT_NOTYPE symbols may also be
 * labels: a non-local one names a place for other code and is never an
 * entry, and entry_table_build() drops local ones that lie inside a sized
 * entry (a jump target in a replacement). Sized non-local ones are entries
 * so that the binding rule reports them. Inline: asked for every symbol.
 */
static inline int is_entry_symbol(const struct entry_table *t,
				  const struct elf_view *v,
				  const struct elf_symbol *sym)
{
	if (sym->fault != SYM_OK || sym->shndx == SHN_UNDEF ||
	    sym->shndx >= v->shnum ||
	    t->rules[sym->shndx].kind == SECTION_UNCHECKED)
		return 0;
	if (sym->type == STT_OBJECT)
		return 1;
	return sym->type == STT_NOTYPE &&
	       (sym->bind == STB_LOCAL || sym->size) &&
	       is_code_section(&v->sections[sym->shndx]);
}

#endif
