# SPDX-License-Identifier: GPL-2.0
"""Malformed input: real objects (gas and gcc, -m64 and -m32) broken one
field at a time, deterministically, plus files that are not ELF at all.

The rule the verifier follows, and these tests hold it to:
  exit 2  the file cannot be read as sound ELF: header, section table,
          table geometry (sh_entsize, sh_link, sh_info), string tables,
          counts (`FILE: malformed ELF: why`) or cannot be opened at all;
  exit 1  the structure is sound and one table entry is bad: a symbol's
          st_name or section index, a relocation of a checked section
          naming a symbol past the table (reported like any violation).
The verifier validates what it reads: relocations of unchecked sections
are never read, so a bad one there is not its business (exit 0).

Every run: no signal, no sanitizer report, every diagnostic starts with
the file name, the input is unchanged afterwards, and it ends in time."""
import json
import os
import shutil
import struct
import subprocess

import pytest

from conftest import ROOT, VERIFIER, build
from invariants import TIMEOUT, run_verifier
from elf_edit import SHDR_SIZE, SHN_XINDEX, SHT_REL, SHT_RELA, Elf
import elf_synth

SOURCES = {
    "entries-gas64": ("asm/examples/entries.S", "gas64"),
    "entries-gas32": ("asm/examples/entries.S", "gas32"),
    "inline-gcc64": ("asm/examples/inline.c", "gcc64"),
    "inline-gcc32": ("asm/examples/inline.c", "gcc32"),
}


@pytest.fixture(scope="session")
def objects(tmp_path_factory):
    """Clean originals: name -> bytes."""
    d = tmp_path_factory.mktemp("malformed-src")
    built = {}
    for name, (src, toolchain) in SOURCES.items():
        built[name] = build(ROOT / src, d / f"{name}.o", toolchain).read_bytes()
    built["synth-xindex"] = elf_synth.elf64_rel(
        [("__ex_table", bytes(24))], [("__ssym_a", 1, 0, 12), ("__ssym_b", 1, 12, 12)])
    return built


def check(tmp_path, data, status, fragment=None, name="broken.o"):
    path = _write(tmp_path, data, name)
    r = run_verifier(path, "--json")
    assert r.returncode == status, r.stderr
    if status == 2:
        assert r.stderr.startswith(f"{path}: malformed ELF: "), r.stderr
    if fragment:
        assert fragment in r.stderr, r.stderr
    return r


def test_originals_are_clean(objects, tmp_path):
    for name, data in objects.items():
        check(tmp_path, data, 0, name=f"{name}.o")


# -- truncation --------------------------------------------------------------

def truncation_lengths(e):
    """Every length a reader could trip on: the header byte by byte, around
    every section and every section header, and a stride through the rest."""
    size = len(e.data)
    lengths = set(range(0, 72)) | set(range(0, size, 37)) | {size - 1}
    for i in range(e.shnum):
        for at in (e.shdr_offset(i), e.shdr(i, "sh_offset"),
                   e.shdr(i, "sh_offset") + e.shdr(i, "sh_size")):
            lengths |= {at - 1, at, at + 1}
    return sorted(n for n in lengths if 0 <= n < size)


@pytest.mark.parametrize("name", SOURCES)
def test_truncated(objects, name, tmp_path):
    e = Elf(objects[name])
    # As writes the section headers last: any cut loses some of them.
    assert e.shdr_offset(e.shnum) == len(e.data)
    for n in truncation_lengths(e):
        r = check(tmp_path, e.data[:n], 2)
        if n == 0:
            assert "empty file" in r.stderr


# -- one field at a time -------------------------------------------------------

def checked_reloc(e):
    """The relocation section patching __ex_table."""
    rel = e.find_section(name=".rela__ex_table" if e.bits == 64 else ".rel__ex_table")
    assert rel, "no relocations for __ex_table"
    return rel


def unchecked_reloc(e):
    rel = e.find_section(name=".rela.text" if e.bits == 64 else ".rel.text")
    return rel


def mutations(e):
    """(label, edit(e) in place, exit status or None for "0 or 1", fragment)."""
    big = (1 << e.bits) - 1
    symtab = e.symtab
    strtab = e.shdr(symtab, "sh_link")
    shstrndx = e.ehdr("e_shstrndx")
    text = e.find_section(name=".text")
    ex = e.find_section(name="__ex_table")
    rel = checked_reloc(e)
    entry = next(i for i in range(e.nsyms) if e.sym_name(i).startswith("__ssym_"))
    shsize = SHDR_SIZE[e.bits]

    def ident(i, v):
        return lambda e: e.data.__setitem__(i, v)

    def field(kind, *a):
        return lambda e: getattr(e, kind)(*a)

    yield "class 0", ident(4, 0), 2, "unknown ELF class 0"
    yield "class 3", ident(4, 3), 2, "unknown ELF class 3"
    yield "other class", ident(4, 3 - e.data[4]), 2, None
    yield "big-endian", ident(5, 2), 2, "not little-endian"
    yield "no endianness", ident(5, 0), 2, "not little-endian"
    yield "bad magic", ident(1, ord("e")), 2, "not an ELF file"
    yield "machine ARM", field("ehdr", "e_machine", 40), 2, "unsupported machine 40"
    yield "machine AArch64", field("ehdr", "e_machine", 183), 2, "unsupported machine 183"
    yield "machine none", field("ehdr", "e_machine", 0), 2, "unsupported machine 0"
    yield "ET_CORE", field("ehdr", "e_type", 4), 2, "unsupported ELF type 4"
    yield "ET_NONE", field("ehdr", "e_type", 0), 2, "unsupported ELF type 0"
    # The other machine of the same class is still x86 and still checked.
    yield "i386<->x86_64", field("ehdr", "e_machine", 3 if e.bits == 64 else 62), None, None

    # The section header table.
    for shoff in (len(e.data), len(e.data) - 1, len(e.data) - shsize + 1, big, big - shsize + 2,
                  1 << (e.bits - 1)):
        yield f"e_shoff {shoff:#x}", field("ehdr", "e_shoff", shoff), 2, "past end of file"
    yield "e_shoff 0", field("ehdr", "e_shoff", 0), 2, "no section header table"
    yield "e_shoff 0, e_shnum 0", lambda e: (e.ehdr("e_shnum", 0), e.ehdr("e_shoff", 0)), \
        2, "relocatable file without a section header table"
    for v in (0, 1, shsize - 1, shsize + 1, 2 * shsize, 0xFFFF, 104 - shsize):
        yield f"e_shentsize {v}", field("ehdr", "e_shentsize", v), 2, "e_shentsize"
    yield "e_shnum +1", field("ehdr", "e_shnum", e.shnum + 1), 2, "past end of file"
    yield "e_shnum 0xffff", field("ehdr", "e_shnum", 0xFFFF), 2, "past end of file"
    yield "e_shnum 1", field("ehdr", "e_shnum", 1), 2, None

    # Extended numbering, right and wrong.
    yield "e_shnum in section 0", lambda e: (e.shdr(0, "sh_size", e.shnum),
                                              e.ehdr("e_shnum", 0)), 0, None
    yield "e_shnum 0, section 0 says 0", field("ehdr", "e_shnum", 0), 2, "section count 0"
    for n in (e.shnum + 1, 1 << 31, (1 << 32) - 1, 1 << 32):
        if n <= big:
            yield f"e_shnum 0, section 0 says {n:#x}", \
                lambda e, n=n: (e.shdr(0, "sh_size", n), e.ehdr("e_shnum", 0)), 2, None
    yield "e_shstrndx in section 0", lambda e: (e.shdr(0, "sh_link", shstrndx),
                                                 e.ehdr("e_shstrndx", SHN_XINDEX)), 0, None
    for link in (0, e.shnum, 0xFFFFFFFF, symtab, text):
        yield f"e_shstrndx XINDEX, section 0 link {link:#x}", \
            lambda e, link=link: (e.shdr(0, "sh_link", link), e.ehdr("e_shstrndx", SHN_XINDEX)), \
            2, "section name table"
    for v in (0, e.shnum, 0xFF00, 0xFFFE, symtab):
        yield f"e_shstrndx {v:#x}", field("ehdr", "e_shstrndx", v), 2, "section name table"
    yield "both counts in section 0, wrong", \
        lambda e: (e.shdr(0, "sh_size", e.shnum), e.ehdr("e_shnum", 0),
                   e.shdr(0, "sh_link", e.shnum + 5), e.ehdr("e_shstrndx", SHN_XINDEX)), \
        2, "section name table"

    # Section contents out of the file, wrapping, and lying table geometry.
    for i in (text, ex, symtab, strtab, rel):
        for off, size in ((len(e.data), 1), (len(e.data) - 1, 2), (big, 1),
                          (big - 7, 16), (8, big), (0, big)):
            yield f"section {i} at {off:#x}+{size:#x}", \
                lambda e, i=i, off=off, size=size: (e.shdr(i, "sh_offset", off),
                                                     e.shdr(i, "sh_size", size)), \
                2, "past end of file"
    for v in (0, 1, e.shdr(symtab, "sh_entsize") - 1, e.shdr(symtab, "sh_entsize") + 1, big):
        yield f"symtab sh_entsize {v}", field("shdr", symtab, "sh_entsize", v), 2, "sh_entsize"
    yield "symtab sh_size ragged", \
        field("shdr", symtab, "sh_size", e.shdr(symtab, "sh_size") - 1), 2, "sh_entsize"
    for v in (0, 1, e.shdr(rel, "sh_entsize") + 4, 24 if e.bits == 32 else 16):
        yield f"relocation sh_entsize {v}", field("shdr", rel, "sh_entsize", v), 2, "sh_entsize"
    yield "relocation sh_size ragged", \
        field("shdr", rel, "sh_size", e.shdr(rel, "sh_size") - 1), 2, "sh_entsize"
    yield "REL <-> RELA", field("shdr", rel, "sh_type", SHT_REL + SHT_RELA - e.shdr(rel, "sh_type")), \
        2, "sh_entsize"
    for v in (e.shnum, 0xFFFF, 0xFFFFFFFF):
        yield f"symtab sh_link {v:#x}", field("shdr", symtab, "sh_link", v), 2, "string table"
        yield f"relocation sh_info {v:#x}", field("shdr", rel, "sh_info", v), 2, "sh_info"
        yield f"relocation sh_link {v:#x}", field("shdr", rel, "sh_link", v), 2, "sh_link"
    yield "symtab sh_link 0", field("shdr", symtab, "sh_link", 0), 2, "string table"
    yield "symtab sh_link to itself", field("shdr", symtab, "sh_link", symtab), 2, "string table"
    yield "symtab sh_link to .text", field("shdr", symtab, "sh_link", text), 2, "string table"
    yield "strtab not SHT_STRTAB", field("shdr", strtab, "sh_type", 1), 2, "string table"

    # String tables.
    def unterminate(i):
        return lambda e: e.data.__setitem__(e.shdr(i, "sh_offset") + e.shdr(i, "sh_size") - 1,
                                            ord("x"))
    yield "symbol names unterminated", unterminate(strtab), 2, "unterminated"
    yield "section names unterminated", unterminate(shstrndx), 2, "unterminated"
    yield "symbol names empty", field("shdr", strtab, "sh_size", 0), 2, "string table"
    yield "section names empty", field("shdr", shstrndx, "sh_size", 0), 2, "section name table"
    for v in (e.shdr(shstrndx, "sh_size"), 0xFFFFFFFF):
        yield f"sh_name {v:#x}", field("shdr", text, "sh_name", v), 2, "sh_name"

    # One bad table entry in a sound file: reported, exit 1.
    for v in (e.shdr(strtab, "sh_size"), 0xFFFFFFFF):
        yield f"st_name {v:#x}", field("sym", entry, "st_name", v), 1, "st_name past the string table"
    for v in (e.shnum, 0xFEFF):
        yield f"st_shndx {v:#x}", field("sym", entry, "st_shndx", v), 1, "section index past"
    yield "st_shndx XINDEX without a table", field("sym", entry, "st_shndx", SHN_XINDEX), \
        2, "no SHT_SYMTAB_SHNDX"
    yield "entry symbol ABS", field("sym", entry, "st_shndx", 0xFFF1), 1, "__ex_table"
    for sym in (e.nsyms, 0xFFFFFF):
        yield f"relocation symbol {sym:#x}", lambda e, sym=sym: e.set_reloc_sym(rel, 0, sym), \
            1, "past the symbol table"
    if unchecked_reloc(e):
        yield "relocation symbol past the table in .text", \
            lambda e: e.set_reloc_sym(unchecked_reloc(e), 0, e.nsyms), 0, None
    yield "__ex_table sh_entsize 5", field("shdr", ex, "sh_entsize", 5), 1, "entries of __ex_table are 0x5"
    yield "relocation type unknown", lambda e: e.reloc(rel, 0, "r_type", 0xC8), \
        1, "relocation of unknown type 200"
    yield "relocation type NONE", lambda e: e.reloc(rel, 0, "r_type", 0), 0, None
    yield "relocation past the section end", \
        lambda e: e.reloc(rel, 0, "r_offset", e.shdr(ex, "sh_size") - 2), \
        1, "patches bytes past the section end"
    yield "relocation far past the section end", \
        lambda e: e.reloc(rel, 0, "r_offset", big), 1, "patches bytes past the section end"
    yield "two relocations at one offset", lambda e: e.reloc(rel, 1, "r_offset", 0), 0, None
    yield "entry symbol STB_GNU_UNIQUE", \
        lambda e: e.sym(entry, "st_info", 0xA0 | e.sym_type(entry)), 1, "is non-local"
    # Nothing to check is clean, when sections are optional (not in a .o).
    yield "ET_EXEC without sections", \
        lambda e: (e.ehdr("e_type", 2), e.ehdr("e_shnum", 0), e.ehdr("e_shoff", 0)), 0, None


@pytest.mark.parametrize("name", SOURCES)
def test_mutations(objects, name, tmp_path):
    """Each edit on a fresh copy; all are run, failures listed together."""
    failures, count = [], 0
    for label, edit, status, fragment in mutations(Elf(objects[name])):
        e = Elf(objects[name])
        edit(e)
        assert e.bytes() != objects[name], f"{label}: the edit changed nothing"
        try:
            if status is None:      # any verdict on a sound file; invariants only
                r = run_verifier(_write(tmp_path, e.bytes()), "--json")
                assert r.returncode in (0, 1), r.stderr
            else:
                check(tmp_path, e.bytes(), status, fragment)
            # The optional passes read more of the file: they must survive it too.
            r = run_verifier(_write(tmp_path, e.bytes()), "--list", "--deep",
                             "--referencing", "demo_copy,sum4,barriers")
            assert r.returncode in (0, 1, 2), r.stderr
        except AssertionError as err:
            failures.append(f"{label}: {err}")
        count += 1
    assert not failures, f"{len(failures)} of {count} mutations:\n" + "\n".join(failures)


def first_extable_entry(e):
    """The first __ex_table entry symbol: a data-section entry, which stays
    an entry whatever its binding."""
    return next(i for i in range(e.nsyms) if e.sym_name(i).startswith("__ssym_")
                and e.section_name(e.sym(i, "st_shndx")) == "__ex_table")


def _write(tmp_path, data, name="broken.o"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- sound but unusual --------------------------------------------------------------

def test_two_relocation_sections_for_one_section(objects, tmp_path):
    """A second relocation section patching __ex_table (sh_info pointed at
    it): both are collected, in offset order, still inside the entries."""
    e = Elf(objects["entries-gas64"])
    ex = e.find_section(name="__ex_table")
    hints = e.find_section(name=".rela.discard.unwind_hints")
    e.shdr(hints, "sh_info", ex)
    r = check(tmp_path, e.bytes(), 0)
    listed = {s["name"]: s for s in json.loads(r.stdout)["files"][0]["sections"]}
    relocs = [x["offset"] for x in listed["__ex_table"]["entries"][0]["relocs"]]
    assert relocs == [0, 0, 4], relocs


def test_json_escapes_hostile_names(objects, tmp_path):
    """Quotes, backslashes, control and high bytes in a symbol name."""
    e = Elf(objects["entries-gas64"])
    entry = first_extable_entry(e)
    at = e.shdr(e.shdr(e.symtab, "sh_link"), "sh_offset") + e.sym(entry, "st_name")
    e.data[at:at + 8] = b'_"\\\x01\x7f\xe9\n_'
    r = check(tmp_path, e.bytes(), 0)
    names = [x["symbol"] for s in json.loads(r.stdout)["files"][0]["sections"]
             for x in s["entries"]]
    assert '_"\\\x01\x7f\xe9\n_' in names, names


def test_names_cannot_forge_diagnostic_lines(objects, tmp_path):
    """A newline in a name from the file would start a line of its own:
    control bytes are printed escaped (run_verifier checks every line)."""
    e = Elf(objects["entries-gas64"])
    entry = first_extable_entry(e)
    at = e.shdr(e.shdr(e.symtab, "sh_link"), "sh_offset") + e.sym(entry, "st_name")
    e.data[at:at + 8] = b"x\nfake:1"
    e.sym(entry, "st_info", 0x11)       # global: an error naming it
    check(tmp_path, e.bytes(), 1, "entry symbol x\\x0afake:1 is global")

    e = Elf(objects["entries-gas64"])
    rel = e.find_section(name=".rela__ex_table")
    at = e.shdr(e.ehdr("e_shstrndx"), "sh_offset") + e.shdr(rel, "sh_name")
    e.data[at:at + 5] = b".\x1b[2J"
    e.shdr(rel, "sh_entsize", 1)         # malformed: its name in the reason
    check(tmp_path, e.bytes(), 2, "section .\\x1b[2J__ex_table: sh_entsize 1")


def test_listing_names_cannot_forge_lines(objects, tmp_path):
    """--list prints names from the file on stdout: control bytes are
    escaped there too, so every line is one entry or one summary."""
    e = Elf(objects["entries-gas64"])
    entry = first_extable_entry(e)
    at = e.shdr(e.shdr(e.symtab, "sh_link"), "sh_offset") + e.sym(entry, "st_name")
    e.data[at:at + 8] = b"x\nfake:1"
    path = _write(tmp_path, e.bytes(), "names.o")
    r = run_verifier(path, "--list", "-v")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines and all(x.startswith(f"{path}: ") for x in lines), r.stdout
    assert any(" x\\x0afake:1" in x for x in lines), r.stdout


def test_long_names_are_not_cut(tmp_path):
    """Diagnostics longer than the first buffer are printed whole."""
    name = "__ssym_" + "x" * 600
    e = Elf(elf_synth.elf64_rel([("__ex_table", bytes(12))], [(name, 1, 0, 12)]))
    e.sym(1, "st_info", 0x11)
    check(tmp_path, e.bytes(), 1, f"entry symbol {name} is global; entry symbols must be local")


def test_entsize_section_is_listed_as_such(objects, tmp_path):
    """A section outside the policy with sh_entsize: kind "entsize"."""
    e = Elf(objects["entries-gas64"])
    ex = e.find_section(name="__ex_table")
    at = e.shdr(e.ehdr("e_shstrndx"), "sh_offset") + e.shdr(ex, "sh_name")
    e.data[at:at + 10] = b"__ex_tablX"
    e.shdr(ex, "sh_entsize", 12)
    r = check(tmp_path, e.bytes(), 0)
    kinds = {s["name"]: s["kind"] for s in json.loads(r.stdout)["files"][0]["sections"]}
    assert kinds["__ex_tablX"] == "entsize", kinds


def test_entsize_contradicting_section_option(objects, tmp_path):
    e = Elf(objects["entries-gas32"])
    e.shdr(e.find_section(name="__ex_table"), "sh_entsize", 5)
    path = _write(tmp_path, e.bytes())
    r = run_verifier(path, "--section", "__ex_table=12")
    assert r.returncode == 1
    assert "sh_entsize 0x5 differs from the entry size 0xc" in r.stderr, r.stderr


def test_file_named_like_an_option(objects, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-v").write_bytes(objects["entries-gas64"])
    r = subprocess.run([str(VERIFIER), "--json", "--", "-v"], capture_output=True, text=True,
                       timeout=TIMEOUT)
    assert r.returncode == 0 and '"file": "-v"' in r.stdout, r.stderr


# -- the extended-numbering symbol index table ------------------------------------

def xindex_fixture(objects):
    e = Elf(objects["synth-xindex"])
    table = e.find_section(name=".symtab_shndx")
    return e, table


def test_symbol_through_xindex_is_an_entry(objects, tmp_path):
    e, table = xindex_fixture(objects)
    for sym in (1, 2):          # both entries via SHN_XINDEX + the table
        e.sym(sym, "st_shndx", SHN_XINDEX)
        struct.pack_into("<I", e.data, e.shdr(table, "sh_offset") + 4 * sym, 1)
    check(tmp_path, e.bytes(), 0)


def test_xindex_past_the_section_table(objects, tmp_path):
    e, table = xindex_fixture(objects)
    e.sym(1, "st_shndx", SHN_XINDEX)
    struct.pack_into("<I", e.data, e.shdr(table, "sh_offset") + 4, 0xFFFFFFF0)
    check(tmp_path, e.bytes(), 1, "section index past the section table")


@pytest.mark.parametrize("size", [0, 4, 8])
def test_xindex_table_too_small(objects, size, tmp_path):
    e, table = xindex_fixture(objects)
    e.shdr(table, "sh_size", size)
    check(tmp_path, e.bytes(), 2, "too small for 3 symbols")


def test_abs_symbol_is_no_entry_of_section_0xfff1(tmp_path):
    """With extended numbering 0xfff1 is a real section index as well as
    SHN_ABS: an absolute symbol must not annotate section 0xfff1."""
    sections = [(".d", b"")] * (0xFFF1 - 1) + [("__ex_table", bytes(12))]
    absolute = elf_synth.elf64_rel(sections, [("__ssym_abs", 0xFFF1, 0, 12)])
    check(tmp_path, absolute, 1, "__ex_table+0x0: error: not annotated")


def test_many_checked_sections_in_linear_time(tmp_path):
    """Finding each checked section's relocations once took sections x
    sections steps: 60000 one-entry sections ran for seconds."""
    n = 60000
    data = elf_synth.elf64_rel([("__ex_table", bytes(12))] * n,
                               [(f"__ssym_{i}", i + 1, 0, 12) for i in range(n)])
    path = tmp_path / "many.o"
    path.write_bytes(data)
    r = subprocess.run([str(VERIFIER), str(path)], capture_output=True, text=True, timeout=8)
    assert r.returncode == 0, r.stderr


# -- not ELF at all ---------------------------------------------------------------

@pytest.mark.parametrize("content,fragment", [
    (b"", "malformed ELF: empty file"),
    (b"\n", "not an ELF file"),
    (b"!<arch>\n", "not an ELF file"),
    (b"\x7fELF", "not an ELF file"),
    (b"hello, world\n" * 100, "not an ELF file"),
    (bytes(range(256)) * 4, "not an ELF file"),
    (b"\x7fELF\x02\x01\x01" + bytes(9), "truncated ELF header"),
    (b"\x7fELF\x01\x01\x01" + bytes(40), "truncated ELF header"),
], ids=["empty", "newline", "archive", "magic-only", "text", "bytes", "ehdr64-cut",
        "ehdr32-cut"])
def test_not_elf(content, fragment, tmp_path):
    check(tmp_path, content, 2, fragment)


def test_directory(tmp_path):
    r = run_verifier(tmp_path)
    assert r.returncode == 2 and r.stderr.startswith(f"{tmp_path}: not a regular file"), r.stderr


def test_missing_file(tmp_path):
    r = run_verifier(tmp_path / "missing.o")
    assert r.returncode == 2
    assert r.stderr.startswith(f"{tmp_path / 'missing.o'}: cannot open"), r.stderr


def test_fifo_does_not_block(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    r = run_verifier(fifo)
    assert r.returncode == 2 and "not a regular file" in r.stderr, r.stderr


def test_unreadable_file(tmp_path, objects):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "unreadable.o"
    path.write_bytes(objects["entries-gas64"])
    path.chmod(0)
    r = run_verifier(path)
    assert r.returncode == 2 and "cannot open" in r.stderr


# -- valgrind ------------------------------------------------------------------

def is_sanitized(binary):
    return b"__asan_init" in binary.read_bytes()


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind not installed")
@pytest.mark.parametrize("name", ["entries-gas64", "inline-gcc32"])
def test_valgrind(objects, name, tmp_path):
    """A subset under memcheck: the originals, every listing, and a spread
    of the mutations above (truncations included)."""
    if is_sanitized(VERIFIER):
        pytest.skip("valgrind cannot run an ASan binary")
    cases = [objects[name], objects[name][:len(objects[name]) // 2]]
    for k, (_, edit, _, _) in enumerate(mutations(Elf(objects[name]))):
        if k % 4 == 0:
            e = Elf(objects[name])
            edit(e)
            cases.append(e.bytes())
    paths = []
    for k, data in enumerate(cases):
        paths.append(tmp_path / f"case{k}.o")
        paths[-1].write_bytes(data)
    for args in (["-v", "--deep"], ["--list", "--referencing", "demo_copy,sum4"],
                 ["--json", "--deep"]):
        # Leaks that count are definite and possible ones; the option
        # strings main() keeps to the end are "still reachable", by design.
        r = subprocess.run(["valgrind", "-q", "--error-exitcode=99", "--leak-check=full",
                            str(VERIFIER), *args, *map(str, paths)],
                           capture_output=True, text=True, timeout=300)
        report = [ln for ln in r.stderr.splitlines() if ln.startswith("==")]
        assert r.returncode in (0, 1, 2), (args, "\n".join(report[:80]))
