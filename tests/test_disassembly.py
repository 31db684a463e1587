# SPDX-License-Identifier: GPL-2.0
"""Entry symbols must not change what a disassembler shows: objdump -d and
llvm-objdump -d of every code section print the same addresses, bytes and
instructions with the option on and off. Only the symbol header lines and
the <symbol+offset> notes naming the nearest symbol may differ."""
import sys

import pytest

from conftest import ROOT, build
from elf_edit import SHF_EXECINSTR, STT_OBJECT, Elf

sys.path.insert(0, str(ROOT / "kernel"))
from elfcmp import DISASSEMBLERS, disassembly   # noqa: E402  (the gate's own check)

EXAMPLES = ROOT / "asm" / "examples"


def built_pair(src, toolchain, tmp_path):
    on = build(src, tmp_path / f"{src.stem}-on.o", toolchain)
    off = build(src, tmp_path / f"{src.stem}-off.o", toolchain, defines=[])
    return on, off


CASES = [(EXAMPLES / "inline.c", tc) for tc in ("gcc64", "gcc32", "clang64", "clang32")] + \
        [(EXAMPLES / "entries.S", tc) for tc in ("gas64", "gas32", "clang64", "clang32")]


@pytest.mark.parametrize("tool", DISASSEMBLERS)
@pytest.mark.parametrize("src,toolchain", CASES,
                         ids=[f"{s.stem}-{tc}" for s, tc in CASES])
def test_option_does_not_change_disassembly(src, toolchain, tool, tmp_path):
    on, off = built_pair(src, toolchain, tmp_path)
    shown = disassembly(tool, on)
    assert "Disassembly of section .altinstr_replacement:" in shown
    assert shown == disassembly(tool, off)


@pytest.mark.parametrize("tool", DISASSEMBLERS)
def test_object_typed_entries_would_hide_code(tool, tmp_path):
    """The comparison can fail: with the code entries retyped STT_OBJECT,
    as before, both disassemblers print the replacements as data."""
    on, off = built_pair(EXAMPLES / "inline.c", "gcc64", tmp_path)
    e = Elf(on.read_bytes())
    retyped = 0
    for i in range(1, e.nsyms):
        shndx = e.sym(i, "st_shndx")
        if e.sym_name(i).startswith("__ssym_") and 0 < shndx < 0xFF00 and \
                e.shdr(shndx, "sh_flags") & SHF_EXECINSTR and e.sym(i, "st_size"):
            e.sym(i, "st_info", (e.sym(i, "st_info") & 0xF0) | STT_OBJECT)
            retyped += 1
    assert retyped
    old = tmp_path / "object-typed.o"
    old.write_bytes(e.bytes())
    assert disassembly(tool, old) != disassembly(tool, off)
