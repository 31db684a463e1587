# SPDX-License-Identifier: GPL-2.0
"""An independent reading of what extract_special_syms wrote, for the tests:
pyelftools decodes both objects, and this module - which shares no code with
the extractor - checks that OUT holds the input's bytes and relocations.

Entries are told by their entry symbols (the __ssym_ prefix, STT_OBJECT, or
STT_NOTYPE in code sections), entries are matched by name (names are unique
in an object from one source), function sections by name. A relocation's
target is described by what is there - the named symbols holding it and
the offset inside each, or for bytes no symbol names, the section name and
the bytes themselves - so that the input and the output describe the same
target the same way whatever symbol each relocation uses."""
import bisect
import io
from collections import Counter, namedtuple

from elftools.elf.elffile import ELFFile

SHF_EXECINSTR, SHF_MERGE, SHF_STRINGS = 0x4, 0x10, 0x20

# Relocation widths (bytes patched) and the PC-relative types, from the
# psABIs: a PC-relative operand inside code ends its instruction, so its
# real target is S + A + width.
WIDTH = {
    "EM_X86_64": {0: 0, 1: 8, 2: 4, 3: 4, 4: 4, 9: 4, 10: 4, 11: 4, 12: 2, 13: 2,
                  14: 1, 15: 1, 19: 4, 20: 4, 21: 4, 22: 4, 23: 4, 24: 8,
                  41: 4, 42: 4},
    "EM_386": {0: 0, 1: 4, 2: 4, 3: 4, 4: 4, 9: 4, 10: 4, 14: 4, 15: 4, 17: 4,
               18: 4, 19: 4, 20: 2, 21: 2, 22: 1, 23: 1, 43: 4},
}
PCREL = {"EM_X86_64": {2, 4, 13, 15, 24}, "EM_386": {2, 4, 21, 23}}

Sym = namedtuple("Sym", "index name value size type bind shndx")
Rel = namedtuple("Rel", "offset type sym addend width")


class Obj:
    """One object, decoded once: sections, symbols, relocations."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            self.elf = ELFFile(io.BytesIO(f.read()))
        self.machine = self.elf["e_machine"]
        self.sections = list(self.elf.iter_sections())
        self.by_name = {}
        for i, s in enumerate(self.sections):
            self.by_name.setdefault(s.name, i)
        self.data = [s.data() if s["sh_type"] != "SHT_NOBITS" else b"" for s in self.sections]
        symtab = self.elf.get_section_by_name(".symtab")
        self.symbols = []
        for i, s in enumerate(symtab.iter_symbols() if symtab else []):
            shndx = s["st_shndx"]
            self.symbols.append(Sym(i, s.name, s["st_value"], s["st_size"],
                                    s["st_info"]["type"], s["st_info"]["bind"],
                                    shndx if isinstance(shndx, int) else None))
        self.rela = False
        self.relocs = {}        # section index -> [Rel], by offset
        for s in self.sections:
            if s["sh_type"] not in ("SHT_REL", "SHT_RELA"):
                continue
            self.rela = s["sh_type"] == "SHT_RELA"
            target = s["sh_info"]
            out = self.relocs.setdefault(target, [])
            for r in s.iter_relocations():
                width = WIDTH[self.machine][r["r_info_type"]]
                addend = r["r_addend"] if r.is_RELA() else self.field(target, r["r_offset"], width)
                out.append(Rel(r["r_offset"], r["r_info_type"], r["r_info_sym"], addend, width))
        for rels in self.relocs.values():
            rels.sort()
        # Named symbols per section, for "what holds this offset".
        self.defined = {}
        for s in self.symbols:
            if s.shndx and self.is_name(s):
                self.defined.setdefault(s.shndx, []).append(s)
        self.names = {s.name for s in self.symbols}
        self._entries = None
        self._offsets = {}

    # -- raw -------------------------------------------------------------
    def field(self, sec, offset, width):
        """The signed little-endian field of width bytes (REL addends)."""
        if not width:
            return 0
        return int.from_bytes(self.data[sec][offset:offset + width], "little", signed=True)

    def flags(self, sec):
        return self.sections[sec]["sh_flags"]

    def is_code(self, sec):
        return bool(self.flags(sec) & SHF_EXECINSTR)

    def is_name(self, s):
        """A symbol other objects could know by name: not a section or file
        symbol, named, and not a local label of a mergeable section (a
        string literal's .LC0, which the linker drops)."""
        if s.type in ("STT_SECTION", "STT_FILE") or not s.name:
            return False
        return not (s.bind == "STB_LOCAL" and s.shndx and self.flags(s.shndx) & SHF_MERGE)

    def relocs_in(self, sec, start, end):
        rels = self.relocs.get(sec, [])
        offsets = self._offsets.get(sec)
        if offsets is None:
            offsets = self._offsets[sec] = [r.offset for r in rels]
        return rels[bisect.bisect_left(offsets, start):bisect.bisect_left(offsets, end)]

    # -- entries and functions -------------------------------------------
    def entries(self):
        """Entry symbol name -> (section index, offset, size)."""
        if self._entries is None:
            self._entries = self._find_entries()
        return self._entries

    def _find_entries(self):
        found = {}
        for s in self.symbols:
            if not s.name.startswith("__ssym_") or not s.shndx:
                continue
            if s.type == "STT_OBJECT" or (s.type == "STT_NOTYPE" and self.is_code(s.shndx)):
                found[s.name] = (s.shndx, s.value, s.size)
        return found

    def functions(self):
        return {s.name: s for s in self.symbols if s.type == "STT_FUNC" and s.shndx}

    # -- targets ---------------------------------------------------------
    def target(self, sec, r):
        """(section, offset) a relocation in section sec points at, or None
        when it names a symbol by name or is in no section."""
        s = self.symbols[r.sym]
        if not s.shndx:
            return None
        adjust = r.width if r.type in PCREL[self.machine] and self.is_code(sec) else 0
        return s.shndx, s.value + r.addend + adjust

    def describe(self, sec, r):
        """What a relocation in section sec names, as a set of equivalent
        descriptions: ("name", symbol, offset from it) or ("bytes",
        section, the bytes there)."""
        if r.sym == 0:
            return frozenset([("none", r.addend)])
        s = self.symbols[r.sym]
        adjust = r.width if r.type in PCREL[self.machine] and self.is_code(sec) else 0
        if self.is_name(s) or not s.shndx:
            return frozenset([("name", s.name, r.addend + adjust)])
        where, t = s.shndx, s.value + r.addend + adjust
        # An immediate after the operand (movb $1, x(%rip)) puts t up to 4
        # bytes before the target: before a section's start, its first byte.
        at = 0 if -4 <= t < 0 else t
        holders = [h for h in self.defined.get(where, [])
                   if h.value <= at < h.value + h.size or (h.size == 0 and h.value == at)]
        if holders:
            return frozenset(("name", h.name, t - h.value) for h in holders)
        tail = self.data[where][t:t + 16]
        if self.flags(where) & SHF_STRINGS:
            tail = tail.split(b"\0")[0]
        return frozenset([("bytes", self.sections[where].name, bytes(tail))])


def masked(obj, sec, start, size, fields):
    """Bytes of [start, start + size) with the relocated fields zeroed."""
    b = bytearray(obj.data[sec][start:start + size])
    for off, width in fields:
        b[off:off + width] = bytes(width)
    return bytes(b)


class Mismatch(AssertionError):
    pass


def same_target(da, db):
    """Two descriptions name the same target: a name and offset in common,
    or the same bytes (the output holds only the piece: one may be cut
    short where the other goes on)."""
    if da & db:
        return True
    return any(a[0] == b[0] == "bytes" and a[1] == b[1] and
               (a[2].startswith(b[2]) or b[2].startswith(a[2])) and (a[2] or not b[2])
               for a in da for b in db)


def same_bytes_and_relocs(inp, isec, istart, out, osec, ostart, size, what):
    """The bytes of a piece equal (outside relocated fields with REL), and
    its relocations, offset by offset, name the same targets."""
    irel = [r._replace(offset=r.offset - istart) for r in inp.relocs_in(isec, istart, istart + size)]
    orel = [r._replace(offset=r.offset - ostart) for r in out.relocs_in(osec, ostart, ostart + size)]
    if [(r.offset, r.type) for r in irel] != [(r.offset, r.type) for r in orel]:
        raise Mismatch(f"{what}: relocations differ: {irel} vs {orel}")
    moved = 0
    for a, b in zip(irel, orel):
        da = inp.describe(isec, a._replace(offset=a.offset + istart))
        db = out.describe(osec, b._replace(offset=b.offset + ostart))
        if not same_target(da, db):
            raise Mismatch(f"{what}+{a.offset:#x}: {sorted(da)} became {sorted(db)}")
        moved += a.addend != b.addend
    fields = [] if inp.rela else [(r.offset, r.width) for r in irel]
    if masked(inp, isec, istart, size, fields) != masked(out, osec, ostart, size, fields):
        raise Mismatch(f"{what}: bytes differ")
    return len(irel), moved


def is_table(section):
    """objtool's tables: arrays by sh_entsize, without entry symbols."""
    return (section["sh_type"] == "SHT_PROGBITS" and section["sh_entsize"] and
            not section["sh_flags"] & (SHF_MERGE | SHF_STRINGS))


def check_slices(inp, out, osec):
    """Each sh_entsize slice of an output table is a slice of the input's,
    bytes and relocations."""
    size = out.sections[osec]["sh_entsize"]
    isec = inp.by_name[out.sections[osec].name]
    if len(out.data[osec]) % size:
        raise Mismatch(f"{out.sections[osec].name}: not a multiple of sh_entsize")
    index = {}
    for r in inp.relocs.get(isec, []):
        for d in inp.describe(isec, r):
            index.setdefault((r.offset % size, r.type, d), set()).add(r.offset - r.offset % size)
    for ooff in range(0, len(out.data[osec]), size):
        rels = out.relocs_in(osec, ooff, ooff + size)
        candidates = range(0, len(inp.data[isec]), size)
        if rels:
            first = rels[0]
            candidates = sorted(set().union(*(index.get((first.offset - ooff, first.type, d), ())
                                              for d in out.describe(osec, first)))) or candidates
        for ioff in candidates:
            try:
                same_bytes_and_relocs(inp, isec, ioff, out, osec, ooff, size, "")
                break
            except Mismatch:
                continue
        else:
            raise Mismatch(f"{out.sections[osec].name}+{ooff:#x}: no such slice in the input")
    return len(out.data[osec]) // size


def check_output(inp, out):
    """Everything OUT holds comes from IN unchanged. Returns counts."""
    stats = Counter()
    if out.machine != inp.machine or out.elf.elfclass != inp.elf.elfclass:
        raise Mismatch("class or machine changed")
    if out.elf["e_type"] != "ET_REL":
        raise Mismatch("OUT is not ET_REL")
    in_entries = inp.entries()
    out_entries = out.entries()
    for name, (osec, ooff, size) in out_entries.items():
        if name not in in_entries:
            raise Mismatch(f"{name} is no entry of {inp.path}")
        isec, ioff, isize = in_entries[name]
        if isize != size or inp.sections[isec].name != out.sections[osec].name:
            raise Mismatch(f"{name}: size or section changed")
        n, moved = same_bytes_and_relocs(inp, isec, ioff, out, osec, ooff, size, name)
        stats["entries"] += 1
        stats["relocations"] += n
        stats["moved addends"] += moved
    in_funcs = inp.functions()
    for name, f in out.functions().items():
        g = in_funcs.get(name)
        if not g or (g.size, g.bind, g.value) != (f.size, f.bind, f.value):
            raise Mismatch(f"function {name} differs from the input's")
    for osec in {f.shndx for f in out.functions().values()}:
        oname = out.sections[osec].name
        isec = inp.by_name[oname]
        if len(out.data[osec]) != len(inp.data[isec]):
            raise Mismatch(f"{oname}: size changed")
        n, moved = same_bytes_and_relocs(inp, isec, 0, out, osec, 0, len(out.data[osec]), oname)
        stats["function sections"] += 1
        stats["relocations"] += n
        stats["moved addends"] += moved
    named = {s.shndx for s in out.symbols if s.shndx and s.type != "STT_SECTION"}
    for osec, section in enumerate(out.sections):
        if osec not in named and is_table(section):
            stats["table slices"] += check_slices(inp, out, osec)
            named.add(osec)
    for osec, rels in out.relocs.items():
        if osec in named:
            continue
        # Bytes no symbol names: each relocation must be one of the input's.
        oname = out.sections[osec].name
        isec = inp.by_name[oname]
        have = Counter((r.type, inp.describe(isec, r)) for r in inp.relocs.get(isec, []))
        for r in rels:
            key = (r.type, out.describe(osec, r))
            match = [k for k in have if k[0] == key[0] and same_target(k[1], key[1]) and have[k]]
            if not match:
                raise Mismatch(f"{oname}+{r.offset:#x}: no such relocation in the input")
            have[match[0]] -= 1
            stats["relocations"] += 1
    for s in out.symbols:
        if s.shndx is None and s.name and s.name not in inp.names:
            raise Mismatch(f"undefined {s.name} names nothing of the input")
    return stats


def referencing_names(inp, functions):
    """What --referencing must be asked for to select what extracting
    functions takes: the functions, their cold parts, and the aliases of
    both (--referencing resolves a place to one of the symbols there)."""
    funcs = inp.functions()
    roots = set(functions) | {n for n in funcs for f in functions
                               if n == f + ".cold" or n.startswith(f + ".cold.")}
    places = {(funcs[n].shndx, funcs[n].value, funcs[n].size) for n in roots if n in funcs}
    return sorted(roots | {n for n, f in funcs.items() if (f.shndx, f.value, f.size) in places})


def selection_differences(inp, out, selected):
    """Compare OUT's entries with --referencing's selection (entry symbol
    names). Returns (missing, Counter of explained extras by reason,
    unexplained extras)."""
    in_entries = inp.entries()
    out_entries = out.entries()
    starts = Counter((sec, off) for sec, off, _ in in_entries.values())
    empty_at = {(sec, off) for sec, off, size in in_entries.values() if size == 0}
    selected_at = {in_entries[n][:2] for n in selected if n in in_entries}
    held_code = [in_entries[n] for n in out_entries if inp.is_code(in_entries[n][0])]
    missing = sorted(set(selected) - set(out_entries))
    explained, unexplained = Counter(), []
    for name in sorted(set(out_entries) - set(selected)):
        sec, off, size = in_entries[name]
        secname = inp.sections[sec].name
        if inp.is_code(sec):
            if starts[(sec, off)] > 1 and (sec, off) in empty_at and (sec, off) in selected_at:
                explained[f"{secname}: shares its start with an empty entry"] += 1
                continue
        else:
            # It describes code entries only (no function code), and one
            # of them is taken.
            targets = [t for t in (inp.target(sec, r) for r in inp.relocs_in(sec, off, off + size))
                       if t and inp.is_code(t[0])]
            checked = {s for s, _, _ in in_entries.values()}
            if targets and all(t[0] in checked for t in targets) and \
                    any(any(t[0] == hs and (ho <= t[1] < ho + hs_size or t[1] == ho)
                            for hs, ho, hs_size in held_code) for t in targets):
                explained[f"{secname}: describes code inside a taken code entry"] += 1
                continue
        unexplained.append(f"{secname}: {name}")
    return missing, explained, unexplained
