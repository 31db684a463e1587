#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""ELF helpers for kernel/gate, independent of the verifier.

  elfcmp.py same A.o B.o
      A and B have identical SHF_ALLOC section contents and identical
      relocations, compared as (section, offset, type, symbol name, addend)
      with section symbols named after their section. Symbol tables may
      differ (that is the point: B may carry __ssym_ entry symbols).
      Exit 0 same, 1 different (first differences on stdout).

  elfcmp.py same-tree DIR_A DIR_B < LIST
      "same" for every relative path in LIST (one a line) under both
      directories; prints the paths that differ. Exit 1 if any does.

  elfcmp.py identical-tree DIR_A DIR_B < LIST
      For every relative path in LIST: the files are byte-identical, or
      every section but DWARF's (.debug_* and their relocations, which
      record the source and build directories) has identical header
      fields and bytes. Prints the paths that are neither. Exit 1 if any.

  elfcmp.py disasm DIR_ON DIR_OFF < LIST
      For every relative path in LIST, objdump -d and llvm-objdump -d
      print the same code-section lines for both files once symbol header
      lines and <symbol+offset> notes are set aside: entry symbols must not
      change what a disassembler shows. Exit 1 if any file differs.

  elfcmp.py ir-tree DIR_A DIR_B LLVM_DIS < LIST
      For every relative path in LIST: the files are byte-identical, or
      both are LLVM bitcode (LTO objects) whose IR, as LLVM_DIS prints it,
      is the same but for the module's source path (the trees live in
      different directories), the !srcloc numbers of inline asm (offsets
      into the preprocessed file, which a header included with the option
      off shifts) and the ThinLTO summary, which is derived from the IR and
      names the file by path and hash. Prints the paths that are neither.
      Exit 1 if any.

  elfcmp.py count LAYOUT FILE
      Per special section: size, entry symbols, and for fixed-size
      sections the number of entries size / entry_size, the sizes from
      LAYOUT (kernel/VERSION/layout: "SECTION X86_64 I386", "-" for
      entries of mixed sizes, counted by their relocations). Exit 1 if a
      section's symbol count differs from its entry count, or the
      .altinstr_replacement symbols differ from the .altinstructions
      entries (one replacement per alternative).
"""
import re
import struct
import subprocess
import sys

PREFIX = b"__ssym_"
SHF_ALLOC = 0x2
SHT_NOBITS, SHT_REL, SHT_RELA, SHT_SYMTAB = 8, 9, 4, 2
SHT_SYMTAB_SHNDX = 18
SHN_XINDEX = 0xffff
STT_SECTION = 3


class Elf:
    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = d = f.read()
        if d[:4] != b"\x7fELF":
            raise ValueError(path + ": not ELF")
        self.is64 = d[4] == 2
        self.end = "<" if d[5] == 1 else ">"
        e = self.end
        if self.is64:
            (self.type, self.machine, _, _, _, shoff, _, _, _, _, shentsize,
             shnum, shstrndx) = struct.unpack_from(e + "HHIQQQIHHHHHH", d, 16)
        else:
            (self.type, self.machine, _, _, _, shoff, _, _, _, _, shentsize,
             shnum, shstrndx) = struct.unpack_from(e + "HHIIIIIHHHHHH", d, 16)
        fmt = e + ("IIQQQQIIQQ" if self.is64 else "IIIIIIIIII")

        def shdr(i):
            (name, typ, flags, addr, off, size, link, info, align,
             entsize) = struct.unpack_from(fmt, d, shoff + i * shentsize)
            return dict(name=name, type=typ, flags=flags, off=off, size=size,
                        link=link, info=info, entsize=entsize)

        # Extended numbering (a ThinLTO vmlinux.o has 265k sections): the
        # counts live in section 0's header.
        if shoff and shnum == 0:
            shnum = shdr(0)["size"]
        if shoff and shstrndx == SHN_XINDEX:
            shstrndx = shdr(0)["link"]
        self.sh = [shdr(i) for i in range(shnum)]
        stro = self.sh[shstrndx]["off"]
        for s in self.sh:
            s["name"] = self.cstr(stro + s["name"])
        self._symcache = {}
        self.syms = []
        for s in self.sh:
            if s["type"] == SHT_SYMTAB:
                self.syms = self.read_syms(s)
                break

    def cstr(self, off):
        return self.data[off:self.data.index(b"\0", off)]

    def read_syms(self, s):
        key = s["off"]
        if key not in self._symcache:
            self._symcache[key] = self._read_syms(s)
        return self._symcache[key]

    def _read_syms(self, s):
        d, e = self.data, self.end
        stro = self.sh[s["link"]]["off"]
        me = self.sh.index(s)
        xindex = next((x for x in self.sh if x["type"] == SHT_SYMTAB_SHNDX
                       and x["link"] == me), None)
        out = []
        n = s["size"] // s["entsize"]
        for i in range(n):
            o = s["off"] + i * s["entsize"]
            if self.is64:
                name, info, _, shndx, value, size = struct.unpack_from(
                    e + "IBBHQQ", d, o)
            else:
                name, value, size, info, _, shndx = struct.unpack_from(
                    e + "IIIBBH", d, o)
            nm = self.cstr(stro + name)
            if shndx == SHN_XINDEX and xindex:
                shndx = struct.unpack_from(e + "I", d, xindex["off"] + 4 * i)[0]
            if info & 0xf == STT_SECTION and shndx < len(self.sh):
                nm = self.sh[shndx]["name"]
            out.append((nm, info & 0xf, shndx, value, size))
        return out

    def contents(self, s):
        if s["type"] == SHT_NOBITS:
            return b""
        return self.data[s["off"]:s["off"] + s["size"]]

    def relocs(self, s):
        d, e = self.data, self.end
        rela = s["type"] == SHT_RELA
        if self.is64:
            fmt, esz = (e + "QQq", 24) if rela else (e + "QQ", 16)
        else:
            fmt, esz = (e + "IIi", 12) if rela else (e + "II", 8)
        syms = self.read_syms(self.sh[s["link"]])
        for i in range(s["size"] // esz):
            v = struct.unpack_from(fmt, d, s["off"] + i * esz)
            off, info = v[0], v[1]
            add = v[2] if rela else None
            if self.is64:
                sym, typ = info >> 32, info & 0xffffffff
            else:
                sym, typ = info >> 8, info & 0xff
            yield (off, typ, syms[sym][0] if sym else b"", add)


def same(a_path, b_path):
    a, b = Elf(a_path), Elf(b_path)
    bad = []

    def alloc(elf):
        return [(s["name"], s["type"], s["flags"], s["size"], elf.contents(s))
                for s in elf.sh if s["flags"] & SHF_ALLOC]

    def rels(elf):
        out = {}
        for s in elf.sh:
            if s["type"] in (SHT_REL, SHT_RELA):
                tgt = elf.sh[s["info"]]["name"]
                out.setdefault(tgt, []).extend(sorted(elf.relocs(s)))
        return out

    sa, sb = alloc(a), alloc(b)
    if [x[:4] for x in sa] != [x[:4] for x in sb]:
        bad.append("SHF_ALLOC section lists differ")
    for x, y in zip(sa, sb):
        if x != y:
            bad.append("section %s: contents differ" % x[0].decode())
    ra, rb = rels(a), rels(b)
    for sec in sorted(set(ra) | set(rb)):
        if ra.get(sec) != rb.get(sec):
            la, lb = ra.get(sec, []), rb.get(sec, [])
            first = next((i for i, (p, q) in enumerate(zip(la, lb))
                          if p != q), min(len(la), len(lb)))
            bad.append("relocations of %s differ (%d vs %d, first at #%d: %s vs %s)"
                       % (sec.decode(), len(la), len(lb), first,
                          la[first] if first < len(la) else None,
                          lb[first] if first < len(lb) else None))
    for m in bad[:10]:
        print("%s vs %s: %s" % (a_path, b_path, m))
    return 1 if bad else 0


def tree_pairs(dir_a, dir_b):
    """The relative paths on stdin, one a line, with their two full paths."""
    for line in sys.stdin:
        rel = line.strip()
        if rel:
            yield rel, "%s/%s" % (dir_a, rel), "%s/%s" % (dir_b, rel)


def same_tree(dir_a, dir_b):
    rc = 0
    n = 0
    for rel, pa, pb in tree_pairs(dir_a, dir_b):
        n += 1
        try:
            if same(pa, pb):
                rc = 1
        except (OSError, ValueError, struct.error) as e:
            print("%s: %s" % (rel, e))
            rc = 1
    print("compared %d files" % n)
    return rc


def identical_but_dwarf(a_path, b_path):
    a, b = Elf(a_path), Elf(b_path)

    def view(elf):
        out = []
        for s in elf.sh:
            target = elf.sh[s["info"]]["name"] if (
                s["type"] in (SHT_REL, SHT_RELA) and
                s["info"] < len(elf.sh)) else b""
            if s["name"].startswith(b".debug_") or \
               target.startswith(b".debug_"):
                out.append((s["name"], s["type"]))
            else:
                out.append((s["name"], s["type"], s["flags"], s["size"],
                            s["link"], s["info"], s["entsize"],
                            elf.contents(s)))
        return out

    va, vb = view(a), view(b)
    if len(va) != len(vb):
        return ["section counts differ"]
    return ["section %s differs" % x[0].decode()
            for x, y in zip(va, vb) if x != y]


def identical_tree(dir_a, dir_b):
    rc = n = same_bytes = 0
    for rel, pa, pb in tree_pairs(dir_a, dir_b):
        n += 1
        try:
            with open(pa, "rb") as fa, open(pb, "rb") as fb:
                if fa.read() == fb.read():
                    same_bytes += 1
                    continue
            bad = identical_but_dwarf(pa, pb)
        except (OSError, ValueError, struct.error) as e:
            bad = [str(e)]
        for m in bad[:5]:
            print("%s: %s" % (rel, m))
        rc |= bool(bad)
    print("compared %d files: %d byte-identical, the others identical "
          "outside DWARF" % (n, same_bytes) if not rc else
          "compared %d files" % n)
    return rc


DISASSEMBLERS = ("objdump", "llvm-objdump")
_HEADER = re.compile(r"^[0-9a-f]+ <[^>]*>:$")
_NOTE = re.compile(r"\s*<[^>]*>")


def disassembly(tool, path):
    """What tool -d shows of path's code sections, without symbol names:
    section titles, addresses, bytes and instructions."""
    out = subprocess.run([tool, "-d", str(path)], capture_output=True,
                         text=True, check=True).stdout
    lines = []
    for line in out.splitlines()[2:]:   # the second names the file
        line = line.rstrip()
        if line and not _HEADER.match(line):
            lines.append(_NOTE.sub("", line))
    return lines


def disasm_tree(dir_on, dir_off):
    rc = n = 0
    for rel, p_on, p_off in tree_pairs(dir_on, dir_off):
        n += 1
        for tool in DISASSEMBLERS:
            a = disassembly(tool, p_on)
            b = disassembly(tool, p_off)
            if a != b:
                first = next((i for i, (x, y) in enumerate(zip(a, b))
                              if x != y), min(len(a), len(b)))
                print("%s: %s differs at line %d: %r vs %r"
                      % (rel, tool, first, a[first] if first < len(a) else None,
                         b[first] if first < len(b) else None))
                rc = 1
    print("compared %d files with %s" % (n, " and ".join(DISASSEMBLERS)))
    return rc


BITCODE = b"BC\xc0\xde"


def ir_text(path, llvm_dis):
    """The IR of a bitcode file without what names its place: the module
    ID and source path, the contents of the !srcloc nodes, and the ThinLTO
    summary."""
    text = subprocess.run([llvm_dis, "-o", "-", str(path)], capture_output=True,
                          text=True, check=True).stdout
    srclocs = set(re.findall(r"!srcloc (![0-9]+)", text))
    out = []
    for line in text.splitlines():
        # The ThinLTO summary (^N lines) is derived from the IR above it,
        # and names the file by its path and a hash of its bytes.
        if line.startswith("; ModuleID = ") or line.startswith("source_filename = ") \
                or line.startswith("^"):
            continue
        node = line.split(" = ", 1)[0]
        if node in srclocs:
            line = node + " = <srcloc>"
        out.append(line)
    return out


def ir_tree(dir_a, dir_b, llvm_dis):
    rc = n = same_bytes = same_ir = 0
    for rel, pa, pb in tree_pairs(dir_a, dir_b):
        n += 1
        with open(pa, "rb") as fa, open(pb, "rb") as fb:
            a, b = fa.read(), fb.read()
        if a == b:
            same_bytes += 1
        elif a[:4] == b[:4] == BITCODE and \
                ir_text(pa, llvm_dis) == ir_text(pb, llvm_dis):
            same_ir += 1
        else:
            print("%s: differs" % rel)
            rc = 1
    print("compared %d files: %d byte-identical, %d identical as LLVM IR "
          "but for the source path and !srcloc" % (n, same_bytes, same_ir))
    return rc


# Tables whose entries are C variables with symbols of their own
# (NOKPROBE_SYMBOL()'s _kbl_addr_NAME, STACK_FRAME_NON_STANDARD()'s pointer).
VARIABLE_ENTRIES = (b"_kprobe_blacklist", b".discard.func_stack_frame_non_standard")
STT_OBJECT = 1
# Code sections: entries of any size, one replacement per alternative.
CODE = [b".altinstr_replacement", b".altinstr_aux"]


def read_layout(path, is64):
    """kernel/VERSION/layout: section (or prefix*) -> entry size, or None
    for a section whose entries are counted by their relocations."""
    sizes = {}
    with open(path) as f:
        for line in f:
            words = line.split("#", 1)[0].split()
            if len(words) != 3:
                continue
            size = words[1] if is64 else words[2]
            sizes[words[0].encode()] = None if size == "-" else int(size)
    return sizes


def count(path, layout):
    elf = Elf(path)
    sizes = read_layout(layout, elf.is64)
    fixed, by_relocation = {}, []
    for s in elf.sh:
        for name, size in sizes.items():
            if name == s["name"] or (name.endswith(b"*") and s["name"].startswith(name[:-1])):
                if size is None:
                    by_relocation.append(s["name"])
                else:
                    fixed[s["name"]] = size
    # The vDSO's exception table has its own 8-byte entries
    # (arch/x86/entry/vdso/extable.h).
    if "/vdso/" in path and b"__ex_table" in fixed:
        fixed[b"__ex_table"] = 8
    by_relocation = sorted(set(by_relocation))
    alt_size = sizes.get(b".altinstructions")
    nsym = {}
    for nm, typ, shndx, value, size in elf.syms:
        if shndx >= len(elf.sh):
            continue
        sec = elf.sh[shndx]["name"]
        if nm.startswith(PREFIX) or (sec in VARIABLE_ENTRIES and typ == STT_OBJECT):
            nsym[sec] = nsym.get(sec, 0) + 1
    rc = 0
    total = 0
    size_of = {}
    relocs_of = {}
    for s in elf.sh:
        size_of[s["name"]] = size_of.get(s["name"], 0) + s["size"]
        if s["type"] in (SHT_REL, SHT_RELA) and s["info"] < len(elf.sh):
            target = elf.sh[s["info"]]["name"]
            if target in by_relocation:
                relocs_of[target] = relocs_of.get(target, 0) + sum(1 for _ in elf.relocs(s))
    for sec in list(fixed) + by_relocation + CODE:
        size = size_of.get(sec, 0)
        n = nsym.get(sec, 0)
        total += n
        if sec in fixed:
            entries = size // fixed[sec]
            ok = n == entries and size % fixed[sec] == 0
            print("%-24s size %9d  entry %2d  entries %7d  symbols %7d  %s"
                  % (sec.decode(), size, fixed[sec], entries, n,
                     "ok" if ok else "MISMATCH"))
        elif sec in by_relocation:
            entries = relocs_of.get(sec, 0)
            ok = n == entries
            print("%-24s size %9d  relocations %7d      symbols %7d  %s"
                  % (sec.decode(), size, entries, n, "ok" if ok else "MISMATCH"))
        else:
            ok = True
            if sec == b".altinstr_replacement" and alt_size:
                alts = size_of.get(b".altinstructions", 0) // alt_size
                ok = n == alts
                print("%-24s size %9d  variable   alternatives %4d  symbols %7d  %s"
                      % (sec.decode(), size, alts, n,
                         "ok" if ok else "MISMATCH"))
            else:
                print("%-24s size %9d  variable                       symbols %7d"
                      % (sec.decode(), size, n))
        if not ok:
            rc = 1
    # Labels: named symbols of the code sections that are not entry
    # symbols. The verifier ignores them (a jump target inside an entry,
    # a global label); the gate reports how many the tree has.
    labels = sum(1 for nm, typ, shndx, value, size in elf.syms
                 if shndx < len(elf.sh) and elf.sh[shndx]["name"] in CODE
                 and typ != STT_SECTION and nm and not nm.startswith(PREFIX))
    print("labels: %d named non-entry symbols in %s" % (
        labels, " and ".join(v.decode() for v in CODE)))
    known = set(fixed) | set(by_relocation) | set(CODE)
    other = sum(v for k, v in nsym.items() if k not in known)
    print("total: %d entry symbols in special sections, %d in other sections"
          % (total, other))
    if other:
        rc = 1
    return rc


def main(argv):
    if len(argv) == 4 and argv[1] == "same":
        return same(argv[2], argv[3])
    if len(argv) == 4 and argv[1] == "same-tree":
        return same_tree(argv[2], argv[3])
    if len(argv) == 4 and argv[1] == "identical-tree":
        return identical_tree(argv[2], argv[3])
    if len(argv) == 4 and argv[1] == "disasm":
        return disasm_tree(argv[2], argv[3])
    if len(argv) == 5 and argv[1] == "ir-tree":
        return ir_tree(argv[2], argv[3], argv[4])
    if len(argv) == 4 and argv[1] == "count":
        return count(argv[3], argv[2])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
