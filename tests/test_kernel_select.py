# SPDX-License-Identifier: GPL-2.0
"""--referencing on the annotated kernel, cross-checked against an
independent decoder: readelf -rW relocations, sections split by the
struct sizes the kernel uses, no entry symbols involved."""
import os
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from conftest import check_run, verify

CACHE = Path(os.environ.get("KERNEL_CACHE") or Path.home() / ".cache" / "specsyms")
VMLINUX_O = CACHE / "gate" / "on-x86_64" / "vmlinux.o"
# struct size and the offset of the field that names the code
LAYOUT = {"__ex_table": (12, 0), "__jump_table": (16, 0), "__bug_table": (12, 0),
          ".altinstructions": (14, 0), ".smp_locks": (4, 0), "_kprobe_blacklist": (8, 0),
          "runtime_ptr_USER_PTR_MAX": (4, 0)}
FUNCTIONS = ["__schedule", "_copy_from_user", "copy_fpstate_to_sigframe", "switch_mm_irqs_off"]

pytestmark = pytest.mark.skipif(not VMLINUX_O.exists(), reason="no annotated kernel tree")


@pytest.fixture(scope="module")
def decoded():
    """(section -> [(offset, target section, addend)]), function ranges."""
    relocs = {}
    current = None
    out = subprocess.run(["readelf", "-rW", VMLINUX_O], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        m = re.match(r"Relocation section '\.rela(\S+)'", line)
        if m:
            current = m.group(1) if m.group(1) in LAYOUT else None
            continue
        f = line.split()
        if current and len(f) >= 7 and re.fullmatch(r"[0-9a-f]{16}", f[0]):
            addend = int(f[-1], 16) * (-1 if f[-2] == "-" else 1)
            relocs.setdefault(current, []).append((int(f[0], 16), f[4], addend))
    funcs = {}
    secnames = {}
    for line in check_run(["readelf", "-SW", VMLINUX_O]).stdout.splitlines():
        m = re.match(r"\s*\[\s*(\d+)\]\s+(\S+)", line)
        if m:
            secnames[m.group(1)] = m.group(2)
    for line in check_run(["readelf", "-sW", VMLINUX_O]).stdout.splitlines():
        f = line.split()
        if len(f) == 8 and f[3] == "FUNC" and f[7] in FUNCTIONS and f[6].isdigit():
            funcs.setdefault(f[7], []).append((secnames[f[6]], int(f[1], 16), int(f[2])))
    return relocs, funcs


@pytest.mark.parametrize("function", FUNCTIONS)
def test_selection_matches_independent_decoder(function, decoded):
    relocs, funcs = decoded
    expected = Counter()
    for section, (size, field) in LAYOUT.items():
        hits = set()
        for offset, target, addend in relocs.get(section, []):
            if offset % size != field:
                continue
            for sec, start, length in funcs[function]:
                if target in (sec, function) and (target == function or start <= addend < start + length):
                    hits.add(offset // size)
        if hits:
            expected[section] = len(hits)
    r = verify("--referencing", function, VMLINUX_O)
    got = Counter(l.split()[1].split("+")[0] for l in r.stdout.splitlines())
    got.pop(".altinstr_replacement", None)
    got.pop(".altinstr_aux", None)
    got.pop(".discard.unwind_hints", None)
    assert got == expected
