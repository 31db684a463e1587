# SPDX-License-Identifier: GPL-2.0
"""--linked: which of a linked object's files is the original's, when two
have its file name and neither has a local function (Linux 6.1's
vmlinux.o has two trace_clock.c). The original's own data that holds a
changed untraced function's address is a use the original shows; the
linked object must not report it again as another object's."""
import pytest

from conftest import CFLAGS, EXTRACTOR, INCLUDES, OPTION_ON, ROOT, check_run, run
from test_pairs import BUILDS, PAIR_FLAGS

OURS = ROOT / "tests" / "linked" / "holder.c"
OTHER = ROOT / "tests" / "linked" / "other" / "holder.c"


def compile_holder(cc, bits, source, out, defines=()):
    # Compiled from its own directory: the file symbol is "holder.c" for both.
    check_run([cc, f"-m{bits}", *OPTION_ON, *defines, *INCLUDES, *CFLAGS, *PAIR_FLAGS,
               "-c", "-o", out, source.name], cwd=source.parent)
    return out


@pytest.mark.parametrize("cc,bits", BUILDS, ids=lambda b: str(b))
@pytest.mark.parametrize("with_other", [False, True], ids=["alone", "namesake"])
def test_own_holder_is_the_originals(cc, bits, with_other, tmp_path):
    orig = compile_holder(cc, bits, OURS, tmp_path / "orig.o")
    patched = compile_holder(cc, bits, OURS, tmp_path / "patched.o", ["-DPATCHED"])
    parts = [orig]
    if with_other:
        parts.append(compile_holder(cc, bits, OTHER, tmp_path / "other.o"))
    linked = tmp_path / "linked.o"
    check_run(["ld", "-m", "elf_x86_64" if bits == 64 else "elf_i386", "-r",
               "-o", linked, *parts])
    r = run([EXTRACTOR, "-o", tmp_path / "out.o", "--changed", orig,
             "--linked", linked, patched])
    assert r.returncode == 1, r.stdout + r.stderr
    lines = r.stderr.splitlines()
    want = f"{patched}: cannot patch: held_step: it has no ftrace entry call, and its address is taken in "
    assert [line for line in lines if line.startswith(want)], r.stderr
    assert not [line for line in lines if "not rebuilt" in line or " of linked.o" in line], r.stderr
