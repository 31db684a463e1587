// SPDX-License-Identifier: GPL-2.0
/*
 * Relocation widths per x86_64 and i386 type, from the psABIs. Types that
 * only appear in dynamic relocations are included because --emit-relocs
 * and shared objects carry them too.
 */
#include <elf.h>
#include <stddef.h>
#include <stdio.h>

#include "reloc_types.h"

struct reloc_type {
	const char *name;
	int width;
};

/* Indexed by type: one lookup per relocation. */
#define T(name, width)[name] = { #name, width }

static const struct reloc_type x86_64_types[] = {
	T(R_X86_64_NONE, 0),		T(R_X86_64_64, 8),
	T(R_X86_64_PC32, 4),		T(R_X86_64_GOT32, 4),
	T(R_X86_64_PLT32, 4),		T(R_X86_64_COPY, 0),
	T(R_X86_64_GLOB_DAT, 8),	T(R_X86_64_JUMP_SLOT, 8),
	T(R_X86_64_RELATIVE, 8),	T(R_X86_64_GOTPCREL, 4),
	T(R_X86_64_32, 4),		T(R_X86_64_32S, 4),
	T(R_X86_64_16, 2),		T(R_X86_64_PC16, 2),
	T(R_X86_64_8, 1),		T(R_X86_64_PC8, 1),
	T(R_X86_64_DTPMOD64, 8),	T(R_X86_64_DTPOFF64, 8),
	T(R_X86_64_TPOFF64, 8),		T(R_X86_64_TLSGD, 4),
	T(R_X86_64_TLSLD, 4),		T(R_X86_64_DTPOFF32, 4),
	T(R_X86_64_GOTTPOFF, 4),	T(R_X86_64_TPOFF32, 4),
	T(R_X86_64_PC64, 8),		T(R_X86_64_GOTOFF64, 8),
	T(R_X86_64_GOTPC32, 4),		T(R_X86_64_GOT64, 8),
	T(R_X86_64_GOTPCREL64, 8),	T(R_X86_64_GOTPC64, 8),
	T(R_X86_64_GOTPLT64, 8),	T(R_X86_64_PLTOFF64, 8),
	T(R_X86_64_SIZE32, 4),		T(R_X86_64_SIZE64, 8),
	T(R_X86_64_GOTPC32_TLSDESC, 4),	T(R_X86_64_TLSDESC_CALL, 0),
	T(R_X86_64_TLSDESC, 16),	T(R_X86_64_IRELATIVE, 8),
	T(R_X86_64_RELATIVE64, 8),	T(R_X86_64_GOTPCRELX, 4),
	T(R_X86_64_REX_GOTPCRELX, 4),
};

static const struct reloc_type i386_types[] = {
	T(R_386_NONE, 0),		T(R_386_32, 4),
	T(R_386_PC32, 4),		T(R_386_GOT32, 4),
	T(R_386_PLT32, 4),		T(R_386_COPY, 0),
	T(R_386_GLOB_DAT, 4),		T(R_386_JMP_SLOT, 4),
	T(R_386_RELATIVE, 4),		T(R_386_GOTOFF, 4),
	T(R_386_GOTPC, 4),		T(R_386_32PLT, 4),
	T(R_386_TLS_TPOFF, 4),		T(R_386_TLS_IE, 4),
	T(R_386_TLS_GOTIE, 4),		T(R_386_TLS_LE, 4),
	T(R_386_TLS_GD, 4),		T(R_386_TLS_LDM, 4),
	T(R_386_16, 2),			T(R_386_PC16, 2),
	T(R_386_8, 1),			T(R_386_PC8, 1),
	T(R_386_TLS_LDO_32, 4),		T(R_386_TLS_IE_32, 4),
	T(R_386_TLS_LE_32, 4),		T(R_386_TLS_DTPMOD32, 4),
	T(R_386_TLS_DTPOFF32, 4),	T(R_386_TLS_TPOFF32, 4),
	T(R_386_SIZE32, 4),		T(R_386_TLS_GOTDESC, 4),
	T(R_386_TLS_DESC_CALL, 0),	T(R_386_TLS_DESC, 4),
	T(R_386_IRELATIVE, 4),		T(R_386_GOT32X, 4),
};

#undef T

static const struct reloc_type *lookup(uint16_t machine, uint32_t type)
{
	const struct reloc_type *table = x86_64_types;
	size_t n = sizeof(x86_64_types) / sizeof(x86_64_types[0]);

	if (machine == EM_386) {
		table = i386_types;
		n = sizeof(i386_types) / sizeof(i386_types[0]);
	}
	if (type >= n || !table[type].name)
		return NULL;
	return &table[type];
}

int reloc_width(uint16_t machine, uint32_t type)
{
	const struct reloc_type *t = lookup(machine, type);

	return t ? t->width : -1;
}

const char *reloc_type_name(uint16_t machine, uint32_t type)
{
	const struct reloc_type *t = lookup(machine, type);

	return t ? t->name : "unknown";
}
