/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPECSYMS_RELOCS_H
#define SPECSYMS_RELOCS_H

#include "entries.h"

/* A relocation that patches a checked section, in section-offset terms. */
struct placed_reloc {
	uint64_t offset;
	uint32_t relsec;	/* the SHT_REL/SHT_RELA section it came from */
	uint64_t index;
};

struct section_relocs {
	struct placed_reloc *items;	/* sorted by offset */
	uint64_t count;
};

/* Gather every relocation that patches section sec; -1 on out of memory. */
int section_relocs_collect(struct section_relocs *out,
			   const struct elf_view *v, uint32_t sec);
void section_relocs_free(struct section_relocs *r);

/*
 * The relocations of each section of one file, collected the first time
 * they are asked for: the extractor's walk and its comparison of two
 * objects visit few sections of a file, some of them many times.
 */
struct reloc_cache {
	const struct elf_view *v;
	struct section_relocs *relocs;	/* per section */
	unsigned char *collected;	/* per section: relocs[] is filled */
};

/* 0, or -1 when out of memory; reloc_cache_free() may follow either. */
int reloc_cache_init(struct reloc_cache *c, const struct elf_view *v);
/* The relocations patching section sec, sorted; NULL when out of memory. */
const struct section_relocs *reloc_cache_get(struct reloc_cache *c,
					     uint32_t sec);
void reloc_cache_free(struct reloc_cache *c);

/*
 * Every relocation must patch bytes of exactly one entry: report those
 * that straddle two entries, lie in none or are of an unknown type.
 */
void check_relocations(const struct elf_view *v, const struct entry_table *t,
		       uint32_t sec, const struct section_relocs *relocs);

/* Index of the first relocation at or after offset. */
uint64_t section_reloc_first(const struct section_relocs *r, uint64_t offset);

/* The relocation that patches exactly offset, or NULL. */
const struct placed_reloc *section_reloc_at(const struct section_relocs *r,
					    uint64_t offset);

/*
 * --list / --json: each entry with the relocations inside it; only those
 * with selected[entry index in the table] set, when selected is not NULL.
 */
void list_entries(const struct elf_view *v, const struct entry_table *t,
		  uint32_t sec, const struct section_relocs *relocs,
		  const unsigned char *selected);

#endif
