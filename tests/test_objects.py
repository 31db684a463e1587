# SPDX-License-Identifier: GPL-2.0
"""Whole objects: the option off, ld -r, linked images, extended section
numbering, and the macros header staying generated from its source."""
import re
import shutil

import pytest
from elftools.elf.elffile import ELFFile

from conftest import ROOT, build, check_run, entry_symbols, verify

EXAMPLES = ROOT / "asm" / "examples"


def unwrap_last(text):
    """SPECIAL_SYM_LAST(nb, DIRECTIVE) as the DIRECTIVE it wraps."""
    out, at = [], 0
    while (start := text.find("SPECIAL_SYM_LAST(", at)) >= 0:
        depth, i = 0, start + len("SPECIAL_SYM_LAST")
        while True:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                break
            i += 1
        inner = text[start + len("SPECIAL_SYM_LAST("):i]
        out += [text[at:start], inner.split(",", 1)[1].strip()]
        at = i + 1
    return "".join(out) + text[at:]


def strip_pieces(text, asm=False):
    """The same source as if the entry pieces had never been written."""
    text = re.sub(r"SPECIAL_SYM_LABEL\(\d+\)", "" if asm else '""', text)
    text = re.sub(r"SPECIAL_SYM_(CODE_)?POPSECTION\(\w+\)", '".popsection"', text)
    text = re.sub(r"SPECIAL_SYM_(CODE_)?END\(\w+\)( ;)?", "", text)
    text = re.sub(r"SPECIAL_SYM_(CODE_)?HERE\([^)]*\)", '""', text)
    text = unwrap_last(text)
    return text.replace("#include <asm/special_syms.h>", "")


@pytest.mark.parametrize("source", ["inline.c", "flat.c"])
@pytest.mark.parametrize("toolchain", ["gcc64", "gcc32", "clang64", "clang32"])
def test_option_off_is_byte_identical(toolchain, source, tmp_path):
    with_pieces = tmp_path / "with"
    without = tmp_path / "without"
    for d in (with_pieces, without):
        d.mkdir()
    shutil.copy(EXAMPLES / source, with_pieces)
    shutil.copy(EXAMPLES / "kernel_like.h", with_pieces)
    (without / source).write_text(strip_pieces((EXAMPLES / source).read_text()))
    (without / "kernel_like.h").write_text(strip_pieces((EXAMPLES / "kernel_like.h").read_text()))
    assert "SPECIAL_SYM" not in (without / source).read_text()

    # Same relative names in both, so STT_FILE and __FILE__ match.
    a = build(source, "out.o", toolchain, defines=[], cwd=with_pieces)
    b = build(source, "out.o", toolchain, defines=[], cwd=without)
    assert a.read_bytes() == b.read_bytes()
    on = build(source, "on.o", toolchain, cwd=with_pieces)
    assert on.read_bytes() != a.read_bytes(), "the option on must change something"


@pytest.mark.parametrize("toolchain", ["gas64", "gas32", "clang64", "clang32"])
def test_option_off_is_byte_identical_in_assembler(toolchain, tmp_path):
    """.S files use SPECIAL_SYM_LABEL and SPECIAL_SYM_END, defined with the
    gas macros in <asm/special_syms.inc>: with the option off, nothing."""
    with_pieces = tmp_path / "with"
    without = tmp_path / "without"
    for d in (with_pieces, without):
        d.mkdir()
    source = (EXAMPLES / "entries.S").read_text()
    (with_pieces / "entries.S").write_text(source)
    (without / "entries.S").write_text(strip_pieces(source, asm=True))
    assert "SPECIAL_SYM" not in strip_pieces(source, asm=True)
    a = build("entries.S", "entries.o", toolchain, defines=[], cwd=with_pieces)
    b = build("entries.S", "entries.o", toolchain, defines=[], cwd=without)
    assert a.read_bytes() == b.read_bytes()
    on = build("entries.S", "on.o", toolchain, cwd=with_pieces)
    assert on.read_bytes() != a.read_bytes(), "the option on must change something"


@pytest.mark.parametrize("bits", [64, 32])
def test_ld_r_keeps_every_entry(bits, tmp_path):
    """ld -r repeats local names: names are never what the verifier relies on."""
    tc = f"gcc{bits}"
    objs = [build(EXAMPLES / "inline.c", tmp_path / f"inline{i}.o", tc) for i in range(3)]
    objs.append(build(EXAMPLES / "entries.S", tmp_path / "entries.o", f"gas{bits}"))
    for o in objs:
        # Three copies of one source: make their globals local so they link.
        check_run(["objcopy", "-w", "-L", "*", o])
    combined = tmp_path / "combined.o"
    check_run(["ld", "-r", "-m", "elf_x86_64" if bits == 64 else "elf_i386",
               "-o", combined, *objs])

    r = verify("-v", combined)
    assert r.returncode == 0, r.stderr
    syms = entry_symbols(combined)
    per_object = [entry_symbols(o) for o in objs]
    for section, found in syms.items():
        assert len(found) == sum(len(p.get(section, [])) for p in per_object)
        assert f": {section}: {len(found)} entr" in r.stdout
    names = [n for found in syms.values() for _, _, n in found]
    assert len(names) > len(set(names)), "expected repeated local names after ld -r"


@pytest.mark.parametrize("bits", [64, 32])
def test_linked_executable(bits, tmp_path):
    """In an executable symbol values are addresses, not section offsets."""
    obj = build(EXAMPLES / "entries.S", tmp_path / "entries.o", f"gas{bits}")
    exe = tmp_path / "entries"
    check_run(["ld", "-m", "elf_x86_64" if bits == 64 else "elf_i386",
               "-e", "demo_copy", "-Ttext=0x401000", "-o", exe, obj])
    r = verify("-v", exe)
    assert r.returncode == 0, r.stderr
    assert ": __ex_table: 3 entries" in r.stdout
    assert ": .altinstructions: 3 entries" in r.stdout


def test_linked_executable_gap_is_found(tmp_path):
    obj = build(ROOT / "tests" / "cases" / "gap.S", tmp_path / "gap.o", "gas64")
    exe = tmp_path / "gap"
    check_run(["ld", "-e", "0", "-o", exe, obj])
    r = verify(exe)
    assert r.returncode == 1
    assert "__ex_table+0xc: error: gap: 0xc bytes" in r.stderr


def many_sections_source(count, with_gap):
    lines = [f'.section .text.f{i},"ax"\nnop' for i in range(count)]
    lines.append('.section __ex_table,"a"')
    for i in range(4):
        if with_gap and i == 2:
            lines.append(".long 0, 0, 0")
            continue
        lines += [f"__ssym_x{i}: .long 0, 0, 0", f".type __ssym_x{i}, @object",
                  f".size __ssym_x{i}, 12"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("with_gap", [False, True])
def test_extended_section_numbering(with_gap, tmp_path):
    """More than 65,280 sections: e_shnum == 0 and st_shndx == SHN_XINDEX."""
    src = tmp_path / "many.s"
    src.write_text(many_sections_source(66000, with_gap))
    obj = tmp_path / "many.o"
    check_run(["as", "--64", "-o", obj, src], timeout=300)
    header = check_run(["readelf", "-hW", obj]).stdout
    assert re.search(r"Number of section headers:\s+0 \(\d+\)", header), header

    r = verify("-v", obj)
    if with_gap:
        assert r.returncode == 1
        assert "__ex_table+0x18: error: gap: 0xc bytes" in r.stderr
    else:
        assert r.returncode == 0, r.stderr
        assert ": __ex_table: 4 entries, 48 bytes" in r.stdout


def test_macros_header_is_generated_from_the_inc():
    generated = check_run([ROOT / "scripts" / "gen-macros-header",
                           ROOT / "asm" / "special_syms.inc"], cwd=ROOT).stdout
    assert generated == (ROOT / "include" / "asm" / "special_syms_macros.h").read_text(), \
        "run 'make headers'"



PADDED = """\
\t.section .altinstr_replacement, "ax"
\t.balign {align}
__ssym_{name}:
\t.byte {body}
\t.size __ssym_{name}, {size}
"""


def section_data(path, name):
    with open(path, "rb") as f:
        return ELFFile(f).get_section_by_name(name).data()


@pytest.mark.parametrize("bits", [64, 32])
def test_ld_r_alignment_padding_is_no_gap(bits, tmp_path):
    """What made i386's vmlinux.o fail: ld -r aligns the second object's
    16-aligned .altinstr_replacement and fills the hole before it with
    NOPs of its own choosing. Those bytes are no entry and no gap; a byte
    of the first object that lost its symbol, just before them, still is."""
    emu = "elf_x86_64" if bits == 64 else "elf_i386"

    def link(name, first_body, first_size):
        objs = []
        for i, (align, body, size) in enumerate(
                [(1, first_body, first_size), (16, "0xe8, 0, 0, 0, 0", 5)]):
            src = tmp_path / f"{name}{i}.S"
            src.write_text(PADDED.format(align=align, name=f"{name}{i}",
                                         body=body, size=size))
            objs.append(build(src, tmp_path / f"{name}{i}.o", f"gas{bits}"))
        out = tmp_path / f"{name}.o"
        check_run(["ld", "-r", "-m", emu, "-o", out, *objs])
        return out

    padded = link("padded", "0xf3, 0x90, 0x0f", 3)
    data = section_data(padded, ".altinstr_replacement")
    assert len(data) == 21 and data[3:16] != bytes(13), "expected 13 fill bytes from ld"
    r = verify("--deep", padded)
    assert r.returncode == 0, r.stderr

    # The same link, but the first object's last byte has no symbol.
    lost = link("lost", "0xf3, 0x90, 0xc3", 2)
    r = verify(lost)
    assert r.returncode == 1
    assert ".altinstr_replacement+0x2: error: gap: 0xe bytes covered by no entry symbol" in r.stderr
