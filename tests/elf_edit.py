# SPDX-License-Identifier: GPL-2.0
"""Read and patch ELF objects field by field, independently of the verifier
(struct only), so tests can break exactly one thing in a real object.

Offsets come from the gABI layouts; both classes, little-endian only (the
verifier refuses the rest before reading any field)."""
import struct

# field -> (offset, struct format), per class
EHDR = {
    64: {"e_type": (16, "H"), "e_machine": (18, "H"), "e_shoff": (40, "Q"),
         "e_shentsize": (58, "H"), "e_shnum": (60, "H"), "e_shstrndx": (62, "H")},
    32: {"e_type": (16, "H"), "e_machine": (18, "H"), "e_shoff": (32, "I"),
         "e_shentsize": (46, "H"), "e_shnum": (48, "H"), "e_shstrndx": (50, "H")},
}
SHDR = {
    64: {"sh_name": (0, "I"), "sh_type": (4, "I"), "sh_flags": (8, "Q"),
         "sh_addr": (16, "Q"), "sh_offset": (24, "Q"), "sh_size": (32, "Q"),
         "sh_link": (40, "I"), "sh_info": (44, "I"), "sh_entsize": (56, "Q")},
    32: {"sh_name": (0, "I"), "sh_type": (4, "I"), "sh_flags": (8, "I"),
         "sh_addr": (12, "I"), "sh_offset": (16, "I"), "sh_size": (20, "I"),
         "sh_link": (24, "I"), "sh_info": (28, "I"), "sh_entsize": (36, "I")},
}
SYM = {
    64: {"st_name": (0, "I"), "st_info": (4, "B"), "st_other": (5, "B"),
         "st_shndx": (6, "H"), "st_value": (8, "Q"), "st_size": (16, "Q")},
    32: {"st_name": (0, "I"), "st_value": (4, "I"), "st_size": (8, "I"),
         "st_info": (12, "B"), "st_other": (13, "B"), "st_shndx": (14, "H")},
}
SHDR_SIZE = {64: 64, 32: 40}
SYM_SIZE = {64: 24, 32: 16}

SHT_SYMTAB, SHT_STRTAB, SHT_RELA, SHT_REL, SHT_NOBITS = 2, 3, 4, 9, 8
SHT_SYMTAB_SHNDX = 18
STT_NOTYPE, STT_OBJECT, STT_FUNC, STT_SECTION = 0, 1, 2, 3
SHF_EXECINSTR = 0x4
STB_LOCAL = 0
SHN_UNDEF, SHN_ABS, SHN_XINDEX = 0, 0xFFF1, 0xFFFF


class Elf:
    """A mutable copy of an ELF image with named-field accessors."""

    def __init__(self, data):
        self.data = bytearray(data)
        self.bits = 64 if self.data[4] == 2 else 32

    # -- raw fields -------------------------------------------------------
    def _get(self, base, layout, field):
        off, fmt = layout[field]
        return struct.unpack_from("<" + fmt, self.data, base + off)[0]

    def _set(self, base, layout, field, value):
        off, fmt = layout[field]
        struct.pack_into("<" + fmt, self.data, base + off, value)

    def ehdr(self, field, value=None):
        if value is None:
            return self._get(0, EHDR[self.bits], field)
        self._set(0, EHDR[self.bits], field, value)

    def shdr_offset(self, i):
        return self.ehdr("e_shoff") + i * SHDR_SIZE[self.bits]

    def shdr(self, i, field, value=None):
        if value is None:
            return self._get(self.shdr_offset(i), SHDR[self.bits], field)
        self._set(self.shdr_offset(i), SHDR[self.bits], field, value)

    # -- sections ---------------------------------------------------------
    @property
    def shnum(self):
        return self.ehdr("e_shnum") or self.shdr(0, "sh_size")

    def string(self, strtab, offset):
        start = self.shdr(strtab, "sh_offset") + offset
        return self.data[start:self.data.index(0, start)].decode()

    def section_name(self, i):
        shstrndx = self.ehdr("e_shstrndx")
        if shstrndx == SHN_XINDEX:
            shstrndx = self.shdr(0, "sh_link")
        return self.string(shstrndx, self.shdr(i, "sh_name"))

    def find_section(self, name=None, sh_type=None):
        """Index of the first section matching name and/or type, or None."""
        for i in range(1, self.shnum):
            if ((name is None or self.section_name(i) == name) and
                    (sh_type is None or self.shdr(i, "sh_type") == sh_type)):
                return i
        return None

    def section_bytes(self, i):
        off = self.shdr(i, "sh_offset")
        return bytes(self.data[off:off + self.shdr(i, "sh_size")])

    # -- symbols ----------------------------------------------------------
    @property
    def symtab(self):
        return self.find_section(sh_type=SHT_SYMTAB)

    @property
    def nsyms(self):
        return self.shdr(self.symtab, "sh_size") // SYM_SIZE[self.bits]

    def sym_offset(self, i):
        return self.shdr(self.symtab, "sh_offset") + i * SYM_SIZE[self.bits]

    def sym(self, i, field, value=None):
        if value is None:
            return self._get(self.sym_offset(i), SYM[self.bits], field)
        self._set(self.sym_offset(i), SYM[self.bits], field, value)

    def sym_name(self, i):
        return self.string(self.shdr(self.symtab, "sh_link"), self.sym(i, "st_name"))

    def sym_type(self, i):
        return self.sym(i, "st_info") & 0xF

    def sym_bind(self, i):
        return self.sym(i, "st_info") >> 4

    def copy_sym(self, src, dst):
        size = SYM_SIZE[self.bits]
        a, b = self.sym_offset(src), self.sym_offset(dst)
        self.data[b:b + size] = self.data[a:a + size]

    # -- relocations ------------------------------------------------------
    def reloc_sections(self):
        return [i for i in range(1, self.shnum)
                if self.shdr(i, "sh_type") in (SHT_REL, SHT_RELA)]

    def reloc(self, relsec, k, field, value=None):
        """r_offset, r_sym or r_type of relocation k of relsec."""
        word, fmt = (8, "<Q") if self.bits == 64 else (4, "<I")
        base = self.shdr(relsec, "sh_offset") + k * self.shdr(relsec, "sh_entsize")
        at = base if field == "r_offset" else base + word
        old = struct.unpack_from(fmt, self.data, at)[0]
        shift, tmask = (32, 0xFFFFFFFF) if self.bits == 64 else (8, 0xFF)
        if value is None:
            return {"r_offset": old, "r_sym": old >> shift, "r_type": old & tmask}[field]
        if field == "r_sym":
            value = (value << shift) | (old & tmask)
        elif field == "r_type":
            value = (old & ~tmask) | value
        struct.pack_into(fmt, self.data, at, value)

    def set_reloc_sym(self, relsec, k, sym):
        self.reloc(relsec, k, "r_sym", sym)

    def bytes(self):
        return bytes(self.data)
