// SPDX-License-Identifier: GPL-2.0
/*
 * Another front end for elf/elf_writer: an object shaped like a
 * livepatch module's, built section by section - code, a klp relocation
 * section of its own (SHF_ALLOC | SHF_RELA_LIVEPATCH) against a symbol in
 * SHN_LIVEPATCH, a section with that flag, locals added after globals. tests/test_elf_writer.py reads it back with pyelftools.
 *
 *   livepatch_like OUT 64|32
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../elf/elf_writer.h"

#ifndef SHF_RELA_LIVEPATCH
#define SHF_RELA_LIVEPATCH	0x00100000
#endif
#define SHN_LIVEPATCH		0xff20

static const unsigned char code[] = {
	0xe8, 0, 0, 0, 0,		/* call klp_target */
	0x48, 0x8b, 0x05, 0, 0, 0, 0,	/* mov data(%rip), %rax */
	0xc3,
};

static int fail(struct elf_writer *w)
{
	fprintf(stderr, "livepatch_like: %s\n", elf_writer_error(w));
	return 1;
}

int main(int argc, char **argv)
{
	int is64 = argc > 2 && !strcmp(argv[2], "64");
	struct elf_writer *w = elf_writer_new(is64, is64 ? EM_X86_64 : EM_386, is64);
	struct elf_writer_section text = { ".text.new_func", SHT_PROGBITS,
					   SHF_ALLOC | SHF_EXECINSTR, 16, 0, 0 };
	struct elf_writer_section klp = { ".klp.note", SHT_PROGBITS,
					  SHF_ALLOC | SHF_RELA_LIVEPATCH, 8, 0, 0 };
	struct elf_writer_section bss = { ".bss.state", SHT_NOBITS,
					  SHF_ALLOC | SHF_WRITE, 64, 0, 0 };
	uint32_t t, k, b, kr, func, ext, local, sect;

	if (argc != 3 || !w)
		return 2;
	t = elf_writer_add_section(w, &text);
	k = elf_writer_add_section(w, &klp);
	b = elf_writer_add_section(w, &bss);
	kr = elf_writer_add_reloc_section(w, t, is64 ?
					  ".klp.rela.vmlinux.text.new_func" :
					  ".klp.rel.vmlinux.text.new_func",
					  SHF_ALLOC | SHF_RELA_LIVEPATCH);
	if (!t || !k || !b || !kr ||
	    elf_writer_append(w, t, code, sizeof(code)) != 0 ||
	    elf_writer_append(w, k, "klp", 4) != 0 ||
	    elf_writer_append(w, b, NULL, 4096) != 0)
		return fail(w);
	func = elf_writer_add_symbol(w, &(struct elf_writer_symbol){
		"new_func", 0, sizeof(code), STT_FUNC, STB_GLOBAL, 0, t, 0 });
	ext = elf_writer_add_symbol(w, &(struct elf_writer_symbol){
		".klp.sym.vmlinux.klp_target,0", 0, 0, STT_FUNC, STB_GLOBAL, 0,
		0, SHN_LIVEPATCH });
	/* A local added last still comes before the globals. */
	local = elf_writer_add_symbol(w, &(struct elf_writer_symbol){
		"state", 16, 8, STT_OBJECT, STB_LOCAL, 0, b, 0 });
	sect = elf_writer_section_symbol(w, b);
	if (!func || !ext || !local || !sect ||
	    elf_writer_add_reloc(w, kr, 1, is64 ? R_X86_64_PLT32 : R_386_PLT32,
				 ext, is64 ? -4 : 0) ||
	    elf_writer_add_reloc(w, t, 8, is64 ? R_X86_64_PC32 : R_386_PC32,
				 sect, is64 ? 16 - 4 : 0) ||
	    elf_writer_add_reloc(w, k, 0, is64 ? R_X86_64_64 : R_386_32,
				 local, 0))
		return fail(w);
	/* REL keeps addends in the bytes: the writer refuses one. */
	if (!is64 && !elf_writer_add_reloc(w, t, 8, R_386_PC32, sect, 12))
		return 3;
	/* A relocation section has no bytes and no symbols. */
	if (elf_writer_append(w, kr, "x", 1) != UINT64_MAX ||
	    elf_writer_add_symbol(w, &(struct elf_writer_symbol){
		"in_relocs", 0, 0, STT_NOTYPE, STB_LOCAL, 0, kr, 0 }) ||
	    elf_writer_section_symbol(w, kr))
		return 4;
	if (elf_writer_write(w, argv[1]))
		return fail(w);
	elf_writer_free(w);
	return 0;
}
