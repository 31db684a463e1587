/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing a relocatable ELF object from a finished description: sections
 * with their bytes, symbols, relocations. The caller says what goes out;
 * elf_writer_write() lays the whole file out (section order, offsets,
 * alignment, the symbol table with locals first, string tables, one
 * relocation section per section that has relocations) and then writes it
 * once, to a temporary file renamed over the destination at the end.
 *
 * It knows nothing of entries or functions: any front end that builds an
 * object section by section (a livepatch module generator, say) can use it.
 */
#ifndef SPECSYMS_ELF_WRITER_H
#define SPECSYMS_ELF_WRITER_H

#include <stddef.h>
#include <stdint.h>

struct elf_writer;

/* An object of this class (64 or 32 bits) and machine; RELA or REL. */
struct elf_writer *elf_writer_new(int is64, uint16_t machine, int rela);
void elf_writer_free(struct elf_writer *w);

/* Why the last call that failed did (out of memory, a bad argument, I/O). */
const char *elf_writer_error(const struct elf_writer *w);

struct elf_writer_section {
	const char *name;
	uint32_t type;		/* SHT_PROGBITS, SHT_NOBITS, SHT_NOTE ... */
	uint64_t flags;
	uint64_t addralign;
	uint64_t entsize;
	uint32_t link;		/* a section of this writer (SHF_LINK_ORDER), or 0 */
};

/* A new, empty section; its handle (from 1), or 0 on failure. */
uint32_t elf_writer_add_section(struct elf_writer *w,
				const struct elf_writer_section *desc);

/*
 * Append size bytes to a section; bytes NULL appends zeros (for SHT_NOBITS
 * only the size grows). The offset they start at, or UINT64_MAX on failure.
 */
uint64_t elf_writer_append(struct elf_writer *w, uint32_t sec,
			   const void *bytes, uint64_t size);
uint64_t elf_writer_section_size(const struct elf_writer *w, uint32_t sec);

struct elf_writer_symbol {
	const char *name;	/* "" for none */
	uint64_t value;
	uint64_t size;
	unsigned char type;	/* STT_* */
	unsigned char bind;	/* STB_* */
	unsigned char other;	/* st_other (visibility) */
	/*
	 * A section of this writer, or 0 and a special index in shndx:
	 * SHN_UNDEF, SHN_ABS, SHN_COMMON, or any other such as
	 * SHN_LIVEPATCH (0xff20).
	 */
	uint32_t section;
	uint32_t shndx;
};

/*
 * A symbol; its handle (from 1), or 0 on failure. Handles are stable: the
 * final order (locals first, as the gABI wants) is decided at write time.
 */
uint32_t elf_writer_add_symbol(struct elf_writer *w,
			       const struct elf_writer_symbol *sym);

/* The STT_SECTION symbol of a section, made on first use; 0 on failure. */
uint32_t elf_writer_section_symbol(struct elf_writer *w, uint32_t sec);

/*
 * A relocation section of its own for section sec: named name, with
 * flags beside SHF_INFO_LINK (a livepatch module's ".klp.rela.OBJ.SEC"
 * with SHF_ALLOC | SHF_RELA_LIVEPATCH, say), written even when empty.
 * Its handle (from 1, in the sections' numbering: it goes out where it
 * was added), or 0 on failure. It takes relocations like a section, and
 * nothing else: no bytes, no symbols, no links to it.
 */
uint32_t elf_writer_add_reloc_section(struct elf_writer *w, uint32_t sec,
				      const char *name, uint64_t flags);

/*
 * A relocation patching section sec at offset, against symbol handle sym
 * (0: none); sec may be a relocation section of its own, which then
 * holds it and patches its own section. With REL the addend lives in the
 * bytes it patches, which are the caller's: addend must then be 0. 0 on
 * success, -1 on failure.
 */
int elf_writer_add_reloc(struct elf_writer *w, uint32_t sec, uint64_t offset,
			 uint32_t type, uint32_t sym, int64_t addend);

/*
 * The whole file in memory (malloc'ed, the caller frees it): 0 on success.
 * elf_writer_write() puts it at path through a temporary file in the same
 * directory, renamed at the end: path is either the complete object or
 * untouched.
 */
int elf_writer_image(struct elf_writer *w, unsigned char **image,
		     size_t *size);
int elf_writer_write(struct elf_writer *w, const char *path);

#endif
