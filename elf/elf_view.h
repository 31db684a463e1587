/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A validated, class-independent view of one ELF file.
 *
 * elf_view_open() checks every header, offset, size, index and link once;
 * code past it trusts the view. ELF32 and ELF64 are normalised into the
 * same structs here, so nothing else knows which class it reads.
 */
#ifndef SPECSYMS_ELF_VIEW_H
#define SPECSYMS_ELF_VIEW_H

#include <elf.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct elf_section {
	const char *name;
	const unsigned char *data;	/* NULL for SHT_NOBITS */
	uint64_t flags;
	uint64_t addr;
	uint64_t offset;
	uint64_t size;
	uint64_t entsize;
	uint32_t type;
	uint32_t link;
	uint32_t info;
	/*
	 * Relocation sections patching this section, as a list threaded
	 * through next_relocs (0 ends it): finding them is then linear in
	 * the file, not sections x sections.
	 */
	uint32_t relocs;
	uint32_t next_relocs;
	uint64_t addralign;
};

/*
 * A symbol table entry that failed validation keeps its slot (relocations
 * index symbols by position) but is flagged and never used as an entry.
 */
enum elf_symbol_fault {
	SYM_OK,
	SYM_BAD_NAME,		/* st_name past the string table */
	SYM_BAD_SHNDX,		/* section index past the section table */
	/* SHN_XINDEX, but no SHT_SYMTAB_SHNDX: the file is malformed (check.c) */
	SYM_NO_XINDEX,
};

struct elf_symbol {
	const char *name;
	uint64_t value;
	uint64_t size;
	uint32_t shndx;		/* SHN_XINDEX resolved; SHN_UNDEF if in no section */
	unsigned char type;
	unsigned char bind;
	unsigned char other;	/* st_other: the visibility */
	unsigned char fault;	/* enum elf_symbol_fault */
};

struct elf_reloc {
	uint64_t offset;
	int64_t addend;
	uint32_t type;
	uint32_t sym;
	int has_addend;
};

struct elf_view {
	const char *path;
	const unsigned char *image;
	size_t image_size;
	int is64;
	int is_relocatable;	/* ET_REL: symbol values are section offsets */
	uint16_t machine;
	uint32_t shnum;
	struct elf_section *sections;
	uint32_t symtab;	/* 0 when there is none */
	uint32_t nsyms;
	const unsigned char *symdata;	/* the symbol table's bytes */
	const char *strdata;		/* its string table, strsize bytes */
	uint64_t strsize;
	const unsigned char *xindex;	/* SHT_SYMTAB_SHNDX bytes or NULL */
	char error[160];	/* why elf_view_open() refused the file */
	int out_of_memory;	/* ... when it was memory, not the file */
};

/* 0 on success; -1 with view->error set when the file is not sound ELF. */
int elf_view_open(struct elf_view *view, const char *path,
		  const void *image, size_t size);
void elf_view_close(struct elf_view *view);

/*
 * Whether the file's relocations carry their addends (SHT_RELA): those of
 * its first relocation section, else the machine's ABI. A copy of the
 * file follows it.
 */
int elf_uses_rela(const struct elf_view *view);

uint64_t elf_reloc_count(const struct elf_view *view,
			 const struct elf_section *relsec);
void elf_reloc_read(const struct elf_view *view,
		    const struct elf_section *relsec, uint64_t i,
		    struct elf_reloc *out);
/* r_offset of relocation i alone: sorting needs no more. */
uint64_t elf_reloc_r_offset(const struct elf_view *view,
			    const struct elf_section *relsec, uint64_t i);

/*
 * Symbol i (< nsyms), decoded from the file at each call. There is no
 * decoded copy of the table: for vmlinux.o (229k symbols) writing one
 * cost more than all the rules together, and the rules read most symbols
 * once. elf_view_open() has checked what this trusts (the sizes of the
 * table and of its SHN_XINDEX table, if any); a symbol that needs the
 * SHN_XINDEX table where there is none is flagged SYM_NO_XINDEX.
 */
static inline struct elf_symbol elf_sym(const struct elf_view *v, uint32_t i)
{
	struct elf_symbol sym;
	uint32_t name, shndx;

	if (v->is64) {
		Elf64_Sym s;

		memcpy(&s, v->symdata + (size_t)i * sizeof(s), sizeof(s));
		name = s.st_name;
		shndx = s.st_shndx;
		sym.value = s.st_value;
		sym.size = s.st_size;
		sym.type = ELF64_ST_TYPE(s.st_info);
		sym.bind = ELF64_ST_BIND(s.st_info);
		sym.other = s.st_other;
	} else {
		Elf32_Sym s;

		memcpy(&s, v->symdata + (size_t)i * sizeof(s), sizeof(s));
		name = s.st_name;
		shndx = s.st_shndx;
		sym.value = s.st_value;
		sym.size = s.st_size;
		sym.type = ELF32_ST_TYPE(s.st_info);
		sym.bind = ELF32_ST_BIND(s.st_info);
		sym.other = s.st_other;
	}
	sym.fault = SYM_OK;
	sym.name = "";
	if (name < v->strsize)
		sym.name = v->strdata + name;
	else
		sym.fault = SYM_BAD_NAME;
	if (shndx == SHN_XINDEX) {
		if (!v->xindex) {
			sym.fault = SYM_NO_XINDEX;
			sym.shndx = SHN_UNDEF;
			return sym;
		}
		memcpy(&shndx, v->xindex + (size_t)i * 4, 4);
	} else if (shndx >= SHN_LORESERVE) {
		/*
		 * ABS, COMMON: in no section. Not kept as is: with extended
		 * numbering 0xfff1 is also a real section.
		 */
		sym.shndx = SHN_UNDEF;
		return sym;
	}
	if (shndx >= v->shnum) {
		sym.fault = SYM_BAD_SHNDX;
		shndx = SHN_UNDEF;
	}
	sym.shndx = shndx;
	return sym;
}

/* Offset of a symbol inside its section: values are addresses unless ET_REL. */
uint64_t elf_symbol_offset(const struct elf_view *view,
			   const struct elf_symbol *sym);
uint64_t elf_reloc_offset(const struct elf_view *view,
			  const struct elf_section *target, uint64_t r_offset);

#endif
