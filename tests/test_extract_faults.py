# SPDX-License-Identifier: GPL-2.0
"""Fault injection for the extractor: break one entry symbol of a clean
object at a time - removed, resized, duplicated - and extract a function.
The extractor runs the verifier's rules first, so every broken copy must
give exit status 1, the verifier's diagnostic, and no OUT. Zero-size
entries cover no byte, so removing or duplicating one changes nothing
checkable: they are only resized."""
from collections import Counter

import pytest

from conftest import extract
from elf_edit import SHF_EXECINSTR, STT_FUNC, STT_NOTYPE, Elf
from test_extract import BUILDS, compile_known
from test_faults import append_symbol


def faults(e, i):
    """(label, edit) for entry symbol i of e."""
    size = e.sym(i, "st_size")
    code = e.shdr(e.sym(i, "st_shndx"), "sh_flags") & SHF_EXECINSTR
    if size:
        other = STT_FUNC if code else STT_NOTYPE
        yield "removed", lambda e: e.sym(i, "st_info", (e.sym(i, "st_info") & 0xF0) | other)
        yield "shrunk", lambda e: e.sym(i, "st_size", size - 1)
        yield "duplicated", lambda e: append_symbol(e, i)
    yield "grown", lambda e: e.sym(i, "st_size", size + 1)


@pytest.mark.parametrize("cc,bits", BUILDS, ids=[f"{c}{b}" for c, b in BUILDS])
def test_broken_entry_symbols(cc, bits, tmp_path):
    obj = compile_known(cc, bits, tmp_path / "known.o")
    clean = obj.read_bytes()
    e = Elf(clean)
    entries = [i for i in range(1, e.nsyms) if e.sym_name(i).startswith("__ssym_")]
    assert entries
    tally = Counter()
    for i in entries:
        for label, edit in faults(Elf(clean), i):
            broken = Elf(clean)
            edit(broken)
            bad = tmp_path / "broken.o"
            bad.write_bytes(broken.bytes())
            out = tmp_path / "out.o"
            r = extract(out, "alpha,beta,gamma_,delta", bad)
            what = f"{label} {e.sym_name(i)}"
            assert r.returncode == 1, f"{what}: exit {r.returncode}\n{r.stderr}"
            assert f"{bad}: error: does not verify clean" in r.stderr, what
            assert f"{bad}: " in r.stderr.splitlines()[0], what
            assert not out.exists(), what
            assert bad.read_bytes() == broken.bytes(), f"{what}: input modified"
            tally[label] += 1
    print(f"\n{cc}{bits}: {dict(tally)}")
    assert tally["removed"] and tally["grown"] and tally["duplicated"] and tally["shrunk"]
