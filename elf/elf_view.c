// SPDX-License-Identifier: GPL-2.0
/*
 * Reading and validating ELF: the only file that looks at raw bytes.
 *
 * Inputs are little-endian x86 objects and so is every host this runs on;
 * fields are copied out with memcpy, which is alignment-safe on a mapping
 * of arbitrary content.
 */
#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_view.h"
#include "reloc_types.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the verifier reads little-endian ELF in place and needs a little-endian host"
#endif

static int refuse(struct elf_view *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->error, sizeof(v->error), fmt, ap);
	va_end(ap);
	return -1;
}

/* [offset, offset + count * each) lies inside the image, without overflow. */
static int range_ok(const struct elf_view *v, uint64_t offset, uint64_t count,
		    uint64_t each)
{
	uint64_t bytes;

	if (each && count > UINT64_MAX / each)
		return 0;
	bytes = count * each;
	return offset <= v->image_size && bytes <= v->image_size - offset;
}

struct raw_header {
	uint16_t type, machine, shentsize, shnum, shstrndx;
	uint64_t shoff;
};

static int read_header(struct elf_view *v, struct raw_header *h)
{
	const unsigned char *id = v->image;

	if (v->image_size < EI_NIDENT || memcmp(id, ELFMAG, SELFMAG))
		return refuse(v, "not an ELF file");
	if (id[EI_CLASS] != ELFCLASS32 && id[EI_CLASS] != ELFCLASS64)
		return refuse(v, "unknown ELF class %u", id[EI_CLASS]);
	if (id[EI_DATA] != ELFDATA2LSB)
		return refuse(v, "not little-endian (EI_DATA %u)", id[EI_DATA]);
	v->is64 = id[EI_CLASS] == ELFCLASS64;

	if (v->is64) {
		Elf64_Ehdr e;

		if (v->image_size < sizeof(e))
			return refuse(v, "truncated ELF header");
		memcpy(&e, v->image, sizeof(e));
		*h = (struct raw_header){ e.e_type, e.e_machine, e.e_shentsize,
					  e.e_shnum, e.e_shstrndx, e.e_shoff };
	} else {
		Elf32_Ehdr e;

		if (v->image_size < sizeof(e))
			return refuse(v, "truncated ELF header");
		memcpy(&e, v->image, sizeof(e));
		*h = (struct raw_header){ e.e_type, e.e_machine, e.e_shentsize,
					  e.e_shnum, e.e_shstrndx, e.e_shoff };
	}
	if (h->type != ET_REL && h->type != ET_EXEC && h->type != ET_DYN)
		return refuse(v, "unsupported ELF type %u", h->type);
	if (h->machine != EM_X86_64 && h->machine != EM_386)
		return refuse(v, "unsupported machine %u (x86_64 and i386 only)",
			      h->machine);
	v->machine = h->machine;
	v->is_relocatable = h->type == ET_REL;
	return 0;
}

static size_t shdr_size(const struct elf_view *v)
{
	return v->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
}

static void read_shdr(const struct elf_view *v, uint64_t shoff, uint32_t i,
		      struct elf_section *s, uint32_t *name)
{
	const unsigned char *p = v->image + shoff + (uint64_t)i * shdr_size(v);

	if (v->is64) {
		Elf64_Shdr sh;

		memcpy(&sh, p, sizeof(sh));
		*name = sh.sh_name;
		*s = (struct elf_section){ NULL, NULL, sh.sh_flags, sh.sh_addr,
			sh.sh_offset, sh.sh_size, sh.sh_entsize, sh.sh_type,
			sh.sh_link, sh.sh_info, 0, 0, sh.sh_addralign };
	} else {
		Elf32_Shdr sh;

		memcpy(&sh, p, sizeof(sh));
		*name = sh.sh_name;
		*s = (struct elf_section){ NULL, NULL, sh.sh_flags, sh.sh_addr,
			sh.sh_offset, sh.sh_size, sh.sh_entsize, sh.sh_type,
			sh.sh_link, sh.sh_info, 0, 0, sh.sh_addralign };
	}
}

/* A string table is usable when it is in the file and ends in a NUL. */
static int strtab_ok(const struct elf_view *v, uint32_t index)
{
	const struct elf_section *s;

	if (index == 0 || index >= v->shnum)
		return 0;
	s = &v->sections[index];
	return s->type == SHT_STRTAB && s->data && s->size &&
	       s->data[s->size - 1] == '\0';
}

static int read_section_table(struct elf_view *v, const struct raw_header *h)
{
	uint64_t shnum = h->shnum;
	uint32_t shstrndx = h->shstrndx;
	uint32_t *names, i;
	struct elf_section first;
	uint32_t first_name;

	if (h->shoff == 0) {
		if (h->shnum)
			return refuse(v, "e_shnum is %u but there is no section header table",
				      h->shnum);
		/* The gABI requires one in a .o; a zeroed e_shoff is damage, not "clean". */
		if (v->is_relocatable)
			return refuse(v, "relocatable file without a section header table");
		return 0;
	}
	if (h->shentsize != shdr_size(v))
		return refuse(v, "e_shentsize is %u, expected %zu",
			      h->shentsize, shdr_size(v));
	if (!range_ok(v, h->shoff, 1, shdr_size(v)))
		return refuse(v, "section header table (e_shoff 0x%llx) past end of file",
			      (unsigned long long)h->shoff);

	/* Extended numbering: the real counts live in section header 0. */
	read_shdr(v, h->shoff, 0, &first, &first_name);
	if (shnum == 0)
		shnum = first.size;
	if (shstrndx == SHN_XINDEX)
		shstrndx = first.link;
	if (shnum == 0 || shnum > UINT32_MAX)
		return refuse(v, "section count %llu is not valid",
			      (unsigned long long)shnum);
	if (!range_ok(v, h->shoff, shnum, shdr_size(v)))
		return refuse(v, "section header table (%llu entries at 0x%llx) past end of file",
			      (unsigned long long)shnum,
			      (unsigned long long)h->shoff);
	v->shnum = shnum;

	v->sections = calloc(shnum, sizeof(*v->sections));
	names = calloc(shnum, sizeof(*names));
	if (!v->sections || !names) {
		free(names);
		v->out_of_memory = 1;
		return refuse(v, "out of memory for %u section headers", v->shnum);
	}
	for (i = 0; i < v->shnum; i++) {
		struct elf_section *s = &v->sections[i];

		read_shdr(v, h->shoff, i, s, &names[i]);
		if (s->type == SHT_NOBITS || s->type == SHT_NULL)
			continue;
		if (!range_ok(v, s->offset, s->size, 1)) {
			free(names);
			return refuse(v, "section %u: sh_offset 0x%llx + sh_size 0x%llx past end of file",
				      i, (unsigned long long)s->offset,
				      (unsigned long long)s->size);
		}
		s->data = v->image + s->offset;
	}

	if (!strtab_ok(v, shstrndx)) {
		free(names);
		return refuse(v, "section name table (index %u) missing, out of the file or unterminated",
			      shstrndx);
	}
	for (i = 0; i < v->shnum; i++) {
		const struct elf_section *strs = &v->sections[shstrndx];

		if (names[i] >= strs->size) {
			refuse(v, "section %u: sh_name 0x%x past the name table",
			       i, names[i]);
			free(names);
			return -1;
		}
		v->sections[i].name = (const char *)strs->data + names[i];
	}
	free(names);
	return 0;
}

static size_t sym_size(const struct elf_view *v)
{
	return v->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);
}

static size_t rel_size(const struct elf_view *v, uint32_t type)
{
	if (type == SHT_RELA)
		return v->is64 ? sizeof(Elf64_Rela) : sizeof(Elf32_Rela);
	return v->is64 ? sizeof(Elf64_Rel) : sizeof(Elf32_Rel);
}

/* The SHT_SYMTAB_SHNDX table of symtab, NULL when absent; -1 when bad. */
static int find_shndx_table(struct elf_view *v, const uint32_t **table)
{
	uint32_t i;

	*table = NULL;
	for (i = 1; i < v->shnum; i++) {
		const struct elf_section *s = &v->sections[i];

		if (s->type != SHT_SYMTAB_SHNDX || s->link != v->symtab)
			continue;
		if (!s->data || s->size / 4 < v->nsyms)
			return refuse(v, "section %s: %llu bytes, too small for %u symbols",
				      s->name, (unsigned long long)s->size,
				      v->nsyms);
		*table = (const uint32_t *)s->data;
		return 0;
	}
	return 0;
}

static int read_symbols(struct elf_view *v)
{
	const struct elf_section *symtab, *strs;
	const uint32_t *xindex;
	uint32_t i;

	for (i = 1; i < v->shnum && !v->symtab; i++)
		if (v->sections[i].type == SHT_SYMTAB)
			v->symtab = i;
	if (!v->symtab)
		return 0;
	symtab = &v->sections[v->symtab];
	if (symtab->entsize != sym_size(v) || symtab->size % sym_size(v))
		return refuse(v, "section %s: sh_entsize %llu / sh_size %llu do not fit %zu-byte symbols",
			      symtab->name, (unsigned long long)symtab->entsize,
			      (unsigned long long)symtab->size, sym_size(v));
	if (!strtab_ok(v, symtab->link))
		return refuse(v, "section %s: string table (sh_link %u) missing, out of the file or unterminated",
			      symtab->name, symtab->link);
	strs = &v->sections[symtab->link];
	if (symtab->size / sym_size(v) > UINT32_MAX)
		return refuse(v, "section %s: too many symbols", symtab->name);
	v->nsyms = symtab->size / sym_size(v);
	if (find_shndx_table(v, &xindex))
		return -1;
	v->symdata = symtab->data;
	v->strdata = (const char *)strs->data;
	v->strsize = strs->size;
	v->xindex = (const unsigned char *)xindex;
	return 0;
}

static int check_reloc_sections(struct elf_view *v)
{
	uint32_t i;

	/* Backwards, so each section's list of relocations comes out in order. */
	for (i = v->shnum; i-- > 1;) {
		struct elf_section *s = &v->sections[i];

		if (s->type != SHT_REL && s->type != SHT_RELA)
			continue;
		if (s->entsize != rel_size(v, s->type) ||
		    s->size % rel_size(v, s->type))
			return refuse(v, "section %s: sh_entsize %llu / sh_size %llu do not fit %zu-byte relocations",
				      s->name, (unsigned long long)s->entsize,
				      (unsigned long long)s->size,
				      rel_size(v, s->type));
		if (s->info >= v->shnum)
			return refuse(v, "section %s: sh_info %u is not a section",
				      s->name, s->info);
		if (s->link >= v->shnum)
			return refuse(v, "section %s: sh_link %u is not a section",
				      s->name, s->link);
		s->next_relocs = v->sections[s->info].relocs;
		v->sections[s->info].relocs = i;
	}
	return 0;
}

int elf_view_open(struct elf_view *v, const char *path, const void *image,
		  size_t size)
{
	struct raw_header h = { 0 };

	memset(v, 0, sizeof(*v));
	v->path = path;
	v->image = image;
	v->image_size = size;
	if (read_header(v, &h) || read_section_table(v, &h) ||
	    read_symbols(v) || check_reloc_sections(v)) {
		elf_view_close(v);
		return -1;
	}
	return 0;
}

void elf_view_close(struct elf_view *v)
{
	free(v->sections);
	v->sections = NULL;
	v->shnum = 0;
	v->nsyms = 0;
}

int elf_uses_rela(const struct elf_view *v)
{
	uint32_t i;

	for (i = 1; i < v->shnum; i++)
		if (v->sections[i].type == SHT_RELA || v->sections[i].type == SHT_REL)
			return v->sections[i].type == SHT_RELA;
	return v->machine == EM_X86_64;
}

uint64_t elf_reloc_count(const struct elf_view *v,
			 const struct elf_section *relsec)
{
	return relsec->data ? relsec->size / rel_size(v, relsec->type) : 0;
}

/* REL keeps the addend in the patched bytes; read it as RELA would give it. */
static int64_t implicit_addend(const struct elf_view *v,
			       const struct elf_section *relsec,
			       const struct elf_reloc *r)
{
	const struct elf_section *target = &v->sections[relsec->info];
	uint64_t offset = elf_reloc_offset(v, target, r->offset);
	int width = reloc_width(v->machine, r->type);
	int32_t a32;
	int64_t a64;

	if (!target->data || (width != 4 && width != 8) ||
	    offset > target->size || (uint64_t)width > target->size - offset)
		return 0;
	if (width == 4) {
		memcpy(&a32, target->data + offset, 4);
		return a32;
	}
	memcpy(&a64, target->data + offset, 8);
	return a64;
}

void elf_reloc_read(const struct elf_view *v, const struct elf_section *relsec,
		    uint64_t i, struct elf_reloc *out)
{
	const unsigned char *p = relsec->data + i * rel_size(v, relsec->type);
	int rela = relsec->type == SHT_RELA;

	memset(out, 0, sizeof(*out));
	out->has_addend = rela;
	/* Constant-size copies: this runs for every checked relocation. */
	if (v->is64) {
		Elf64_Rela r;

		if (rela)
			memcpy(&r, p, sizeof(Elf64_Rela));
		else
			memcpy(&r, p, sizeof(Elf64_Rel));
		out->offset = r.r_offset;
		out->type = ELF64_R_TYPE(r.r_info);
		out->sym = ELF64_R_SYM(r.r_info);
		out->addend = rela ? r.r_addend : 0;
	} else {
		Elf32_Rela r;

		if (rela)
			memcpy(&r, p, sizeof(Elf32_Rela));
		else
			memcpy(&r, p, sizeof(Elf32_Rel));
		out->offset = r.r_offset;
		out->type = ELF32_R_TYPE(r.r_info);
		out->sym = ELF32_R_SYM(r.r_info);
		out->addend = rela ? r.r_addend : 0;
	}
	if (!rela)
		out->addend = implicit_addend(v, relsec, out);
}

uint64_t elf_reloc_r_offset(const struct elf_view *v,
			    const struct elf_section *relsec, uint64_t i)
{
	const unsigned char *p = relsec->data + i * rel_size(v, relsec->type);

	Elf64_Addr off64;
	Elf32_Addr off32;

	if (v->is64) {
		memcpy(&off64, p, sizeof(off64));
		return off64;
	}
	memcpy(&off32, p, sizeof(off32));
	return off32;
}

uint64_t elf_symbol_offset(const struct elf_view *v,
			   const struct elf_symbol *sym)
{
	if (v->is_relocatable)
		return sym->value;
	return sym->value - v->sections[sym->shndx].addr;
}

uint64_t elf_reloc_offset(const struct elf_view *v,
			  const struct elf_section *target, uint64_t r_offset)
{
	return v->is_relocatable ? r_offset : r_offset - target->addr;
}
