/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The class-dependent half of the writer: filling the ELF structs from
 * class-independent fields. Included twice by elf_writer.c, with
 * ELF_WRITER_BITS 64 and 32, so each routine is written once (the model is
 * the kernel's scripts/sorttable.h). Fields are copied out with memcpy:
 * the image buffer has no alignment promise.
 */

#if ELF_WRITER_BITS == 64
# define ElfW(type)	Elf64_##type
# define ELFW(macro)	ELF64_##macro
# define FN(name)	name##64
# define ELFCLASS_W	ELFCLASS64
#else
# define ElfW(type)	Elf32_##type
# define ELFW(macro)	ELF32_##macro
# define FN(name)	name##32
# define ELFCLASS_W	ELFCLASS32
#endif

static void FN(put_ehdr)(unsigned char *p, const struct ehdr_fields *f)
{
	ElfW(Ehdr) e;

	memset(&e, 0, sizeof(e));
	memcpy(e.e_ident, ELFMAG, SELFMAG);
	e.e_ident[EI_CLASS] = ELFCLASS_W;
	e.e_ident[EI_DATA] = ELFDATA2LSB;
	e.e_ident[EI_VERSION] = EV_CURRENT;
	e.e_ident[EI_OSABI] = ELFOSABI_NONE;
	e.e_type = ET_REL;
	e.e_machine = f->machine;
	e.e_version = EV_CURRENT;
	e.e_shoff = f->shoff;
	e.e_ehsize = sizeof(e);
	e.e_shentsize = sizeof(ElfW(Shdr));
	e.e_shnum = f->shnum;
	e.e_shstrndx = f->shstrndx;
	memcpy(p, &e, sizeof(e));
}

static void FN(put_shdr)(unsigned char *p, const struct shdr_fields *f)
{
	ElfW(Shdr) s = {
		.sh_name = f->name,
		.sh_type = f->type,
		.sh_flags = f->flags,
		.sh_offset = f->offset,
		.sh_size = f->size,
		.sh_link = f->link,
		.sh_info = f->info,
		.sh_addralign = f->addralign,
		.sh_entsize = f->entsize,
	};

	memcpy(p, &s, sizeof(s));
}

static void FN(put_sym)(unsigned char *p, const struct sym_fields *f)
{
	ElfW(Sym) s = {
		.st_name = f->name,
		.st_value = f->value,
		.st_size = f->size,
		.st_info = ELFW(ST_INFO)(f->bind, f->type),
		.st_other = f->other,
		.st_shndx = f->shndx,
	};

	memcpy(p, &s, sizeof(s));
}

static void FN(put_rel)(unsigned char *p, const struct rel_fields *f, int rela)
{
	ElfW(Rela) r = {
		.r_offset = f->offset,
		.r_info = ELFW(R_INFO)(f->sym, f->type),
		.r_addend = f->addend,
	};

	/* Elf_Rel is Elf_Rela without its last member. */
	memcpy(p, &r, rela ? sizeof(ElfW(Rela)) : sizeof(ElfW(Rel)));
}

static const struct class_ops FN(class_ops) = {
	.ehdr_size = sizeof(ElfW(Ehdr)),
	.shdr_size = sizeof(ElfW(Shdr)),
	.sym_size = sizeof(ElfW(Sym)),
	.rel_size = sizeof(ElfW(Rel)),
	.rela_size = sizeof(ElfW(Rela)),
	.word = sizeof(ElfW(Addr)),
	.put_ehdr = FN(put_ehdr),
	.put_shdr = FN(put_shdr),
	.put_sym = FN(put_sym),
	.put_rel = FN(put_rel),
};

#undef ElfW
#undef ELFW
#undef FN
#undef ELFCLASS_W
