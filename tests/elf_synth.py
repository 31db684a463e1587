# SPDX-License-Identifier: GPL-2.0
"""Write small ELF64 relocatable objects from scratch, for shapes no
assembler produces in reasonable time (tens of thousands of sections,
extended numbering with hand-picked indices)."""
import struct

SHT_PROGBITS, SHT_SYMTAB, SHT_STRTAB, SHT_SYMTAB_SHNDX = 1, 2, 3, 18
SHF_ALLOC = 2
STT_OBJECT = 1
SHN_XINDEX = 0xFFFF


def _strtab(names):
    """Bytes of a string table holding names, and each name's offset."""
    table, offsets = bytearray(b"\0"), {}
    for n in names:
        if n not in offsets:
            offsets[n] = len(table)
            table += n.encode() + b"\0"
    return bytes(table), offsets


def elf64_rel(sections, symbols):
    """sections: [(name, bytes)] (PROGBITS, indices from 1);
    symbols: [(name, shndx, value, size)] local STT_OBJECT symbols, shndx a
    section index as above or a reserved one (SHN_ABS ...).

    Extended numbering is used whenever it is needed: e_shnum 0 with the
    count in section 0, and a SHT_SYMTAB_SHNDX table for every symbol whose
    section index does not fit in 16 bits."""
    n_user = len(sections)
    symtab, strtab, shstrtab, xtab = n_user + 1, n_user + 2, n_user + 3, n_user + 4
    shnum = n_user + 5
    shstr, shname = _strtab([n for n, _ in sections] +
                            [".symtab", ".strtab", ".shstrtab", ".symtab_shndx"])
    symstr, symname = _strtab([s[0] for s in symbols])

    syms, xindex = bytearray(24), bytearray(4)     # symbol 0 is null
    for name, shndx, value, size in symbols:
        direct = shndx if shndx < 0xFF00 or shndx in (0xFFF1, 0xFFF2) else SHN_XINDEX
        syms += struct.pack("<IBBHQQ", symname[name], STT_OBJECT, 0, direct, value, size)
        xindex += struct.pack("<I", shndx if direct == SHN_XINDEX else 0)

    # Lay out: header, section contents, tables, then section headers.
    body = bytearray(64)
    offsets = []
    for _, content in sections:
        offsets.append(len(body))
        body += content
    tables = {}
    for idx, blob in ((symtab, syms), (strtab, symstr), (shstrtab, shstr), (xtab, xindex)):
        while len(body) % 8:
            body += b"\0"
        tables[idx] = (len(body), len(blob))
        body += blob
    while len(body) % 8:
        body += b"\0"
    shoff = len(body)

    def shdr(name, sh_type, flags, off, size, link, info, entsize):
        return struct.pack("<IIQQQQIIQQ", shname.get(name, 0), sh_type, flags, 0,
                           off, size, link, info, 1, entsize)

    big = shnum >= 0xFF00
    body += shdr("", 0, 0, 0, shnum if big else 0, shstrtab if big else 0, 0, 0)
    for (name, content), off in zip(sections, offsets):
        body += shdr(name, SHT_PROGBITS, SHF_ALLOC, off, len(content), 0, 0, 0)
    body += shdr(".symtab", SHT_SYMTAB, 0, *tables[symtab], strtab, len(symbols) + 1, 24)
    body += shdr(".strtab", SHT_STRTAB, 0, *tables[strtab], 0, 0, 0)
    body += shdr(".shstrtab", SHT_STRTAB, 0, *tables[shstrtab], 0, 0, 0)
    body += shdr(".symtab_shndx", SHT_SYMTAB_SHNDX, 0, *tables[xtab], symtab, 0, 4)

    ident = b"\x7fELF" + bytes([2, 1, 1]) + bytes(9)
    body[0:64] = ident + struct.pack("<HHIQQQIHHHHHH", 1, 62, 1, 0, 0, shoff, 0, 64, 0, 0,
                                     64, 0 if big else shnum,
                                     SHN_XINDEX if big else shstrtab)
    return bytes(body)
