"""Just enough ELF reading for the cost numbers: section sizes, symbols.

The benchmark must not trust the verifier it measures, so sizes and symbol
counts come from this independent reader (little-endian ELF32/ELF64).
"""
import mmap
import struct

SHF_ALLOC = 0x2
SHT_SYMTAB, SHT_NOBITS = 2, 8
PREFIX = b"__ssym_"


class Elf:
    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        d = self.data
        if d[:4] != b"\x7fELF" or d[5] != 1:
            raise ValueError("%s: not a little-endian ELF file" % path)
        self.is64 = d[4] == 2
        if self.is64:
            shoff, = struct.unpack_from("<Q", d, 0x28)
            shentsize, shnum, shstrndx = struct.unpack_from("<HHH", d, 0x3a)
            fmt = "<IIQQQQIIQQ"
        else:
            shoff, = struct.unpack_from("<I", d, 0x20)
            shentsize, shnum, shstrndx = struct.unpack_from("<HHH", d, 0x2e)
            fmt = "<IIIIIIIIII"
        raw = []
        if shoff:
            first = struct.unpack_from(fmt, d, shoff)
            shnum = shnum or first[5]           # extended numbering
            if shstrndx == 0xffff:
                shstrndx = first[6]
            raw = [struct.unpack_from(fmt, d, shoff + i * shentsize)
                   for i in range(shnum)]
        self.sections = []
        for name, typ, flags, addr, off, size, link, info, _, entsize in raw:
            self.sections.append(dict(name_off=name, type=typ, flags=flags,
                                      addr=addr, offset=off, size=size,
                                      link=link, info=info, entsize=entsize))
        if raw:
            strs = self.sections[shstrndx]
            for s in self.sections:
                s["name"] = self.cstr(strs["offset"] + s["name_off"])

    def cstr(self, at):
        return self.data[at:self.data.find(b"\0", at)].decode("latin-1")

    def section(self, name):
        for s in self.sections:
            if s["name"] == name:
                return s
        return None

    def symtab_bytes(self):
        """Bytes of the symbol table and of its string table."""
        for s in self.sections:
            if s["type"] == SHT_SYMTAB:
                return s["size"], self.sections[s["link"]]["size"]
        return 0, 0

    def alloc_bytes(self):
        """What is loaded: the sum of the SHF_ALLOC sections."""
        return sum(s["size"] for s in self.sections if s["flags"] & SHF_ALLOC)

    def symbols(self):
        """(name bytes, value, size, shndx) of every symbol."""
        for s in self.sections:
            if s["type"] == SHT_SYMTAB:
                break
        else:
            return
        d, strs = self.data, self.sections[s["link"]]["offset"]
        if self.is64:
            fmt, width = "<IBBHQQ", 24
        else:
            fmt, width = "<IIIBBH", 16
        for at in range(s["offset"], s["offset"] + s["size"], width):
            f = struct.unpack_from(fmt, d, at)
            if self.is64:
                name, _, _, shndx, value, size = f
            else:
                name, value, size, _, _, shndx = f
            start = strs + name
            yield d[start:d.find(b"\0", start)], value, size, shndx

    def count_prefixed(self):
        """Number of __ssym_ symbols (the entry symbols)."""
        return sum(1 for name, *_ in self.symbols() if name.startswith(PREFIX))

    def read_u32_at(self, addr):
        """The 32-bit word at virtual address addr of a linked image."""
        for s in self.sections:
            if (s["flags"] & SHF_ALLOC and s["type"] != SHT_NOBITS and
                    s["addr"] <= addr < s["addr"] + s["size"]):
                return struct.unpack_from(
                    "<I", self.data, s["offset"] + addr - s["addr"])[0]
        return None

    def close(self):
        self.data.close()
