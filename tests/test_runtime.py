# SPDX-License-Identifier: GPL-2.0
"""Copied entries work: a userspace runtime gives __ex_table, __bug_table,
__jump_table and .altinstructions entries their kernel meaning, and prints
the same observations linked with tests/runtime/patchable.o as with only
the functions build/extract_special_syms cuts out of it. Broken copies of
the object print something else, which shows the observations depend on
the entries."""
import json
import os
import re
import signal
import struct
from pathlib import Path

import pytest

from conftest import ROOT, check_run, run, sections, verify
from elf_edit import Elf

RUNTIME = ROOT / "tests" / "runtime"
# Relative to ROOT, where it is compiled: __FILE__ in the bug entry.
SOURCE = "tests/runtime/patchable.c"
RUNTIME_SOURCES = sorted(p for p in RUNTIME.glob("*.c") if p.name != "patchable.c")
EXTRACTOR = Path(os.environ.get("EXTRACTOR", ROOT / "build" / "extract_special_syms"))
OUTPUT_FILE = ROOT / "build" / "runtime-output.txt"

EXTRACTED = ["get_user_int", "checked_double", "branch_unlikely", "branch_likely",
             "alt_mov", "alt_empty", "alt_unset"]
DISTRACTOR = "distractor"

PATCHABLE_FLAGS = ["-ffunction-sections", "-O2", "-fno-pic", "-fno-asynchronous-unwind-tables",
                   "-DCONFIG_SPECIAL_SECTION_SYMBOLS", "-I", "include", "-I", "asm/examples"]
RUNTIME_FLAGS = ["-O2", "-D_GNU_SOURCE", "-Wall", "-Wextra"]
LINK_FLAGS = ["-no-pie", "-fuse-ld=bfd", f"-Wl,-T,{RUNTIME / 'altinstructions.ld'}"]

TOOLCHAINS = [("gcc", 64), ("gcc", 32), ("clang", 64), ("clang", 32)]
TABLES = ["__ex_table", "__bug_table", "__jump_table", ".altinstructions",
          ".altinstr_replacement"]


def warning_line():
    """The line of the WARN the runtime reports, found by its comment."""
    lines = (ROOT / SOURCE).read_text().splitlines()
    found = [n for n, l in enumerate(lines, 1) if "/* the line the runtime reports */" in l]
    assert len(found) == 1, f"{SOURCE}: expected one reported-line marker, found {found}"
    return found[0]


def header_constant(name):
    m = re.search(rf"^#define {name}\s+(\d+)$", (RUNTIME / "runtime.h").read_text(), re.M)
    assert m, f"runtime.h: no #define {name}"
    return int(m.group(1))


def expected_lines():
    return [
        "extable: get_user_int(good) -> 0, value 42",
        "extable: get_user_int(NULL) -> -14 (fixed up)",
        "bug: checked_double(3) -> 6, no warning",
        f"bug: checked_double(-3) -> WARNING at {SOURCE}:{warning_line()}, then -6",
        "jump: unlikely branch: key off -> not taken; key on -> taken; key off -> not taken",
        "jump: likely branch: key on -> taken; key off -> not taken; key on -> taken",
        "alternative: feature clear -> 1; feature set -> 2",
        "alternative: empty replacement: alt_empty(4) feature clear -> 5; feature set -> 4",
        "alternative: feature never set -> 1; after applying -> 1",
    ]


class Toolchain:
    """One compiler and class: patchable.o, the runtime objects, links."""

    def __init__(self, cc, bits, workdir):
        self.cc, self.bits, self.dir = cc, bits, workdir
        self.patchable = workdir / "patchable.o"
        check_run([cc, f"-m{bits}", *PATCHABLE_FLAGS, "-c", "-o", self.patchable, SOURCE],
                  cwd=ROOT)
        self.runtime = []
        for src in RUNTIME_SOURCES:
            obj = workdir / f"runtime-{src.stem}.o"
            check_run([cc, f"-m{bits}", *RUNTIME_FLAGS, "-c", "-o", obj, src])
            self.runtime.append(obj)

    @property
    def name(self):
        return f"{self.cc}{self.bits}"

    def link(self, obj, exe):
        exe = self.dir / exe
        check_run([self.cc, f"-m{self.bits}", *LINK_FLAGS, "-o", exe, *self.runtime, obj])
        return exe

    def run(self, obj, exe):
        """(exit status, output lines) of the runtime linked with obj."""
        r = run([self.link(obj, exe)], timeout=30)
        return r.returncode, r.stdout.splitlines()


@pytest.fixture(scope="session")
def output_log():
    """Everything the runs printed, written to OUTPUT_FILE at the end."""
    log = {}
    yield log
    OUTPUT_FILE.parent.mkdir(exist_ok=True)
    OUTPUT_FILE.write_text("".join(f"== {name}\n" + "".join(f"{l}\n" for l in lines)
                                   for name, lines in sorted(log.items())))


def record(log, name, status, lines):
    shown = lines + ([f"(exit status {status})"] if status else [])
    log[name] = shown
    print(f"\n== {name}\n" + "\n".join(shown))


@pytest.fixture(scope="module", params=TOOLCHAINS, ids=[f"{cc}{bits}" for cc, bits in TOOLCHAINS])
def toolchain(request, tmp_path_factory, output_log):
    cc, bits = request.param
    tc = Toolchain(cc, bits, tmp_path_factory.mktemp(f"runtime-{cc}{bits}"))
    tc.original = tc.run(tc.patchable, "original")
    record(output_log, f"{tc.name} original", *tc.original)
    return tc


def test_original_link_shows_every_mechanism(toolchain):
    status, lines = toolchain.original
    assert status == 0, f"the runtime failed with status {status}:\n" + "\n".join(lines)
    assert lines == expected_lines()


def test_extracted_names_every_function_but_the_distractor(toolchain):
    """The function list cannot go stale when patchable.c changes."""
    nm = check_run(["nm", "--defined-only", "-g", toolchain.patchable]).stdout
    defined = sorted(l.split()[2] for l in nm.splitlines() if l.split()[1] == "T")
    assert defined == sorted(EXTRACTED + [DISTRACTOR])


_extracted = {}


def extracted_run(tc, output_log):
    """Runs the extractor on patchable.o once per toolchain and links the
    runtime with its output alone, as the executable "extracted"."""
    assert EXTRACTOR.exists(), (
        f"{EXTRACTOR} missing: the extracted-link tests need the extractor "
        "(build/extract_special_syms); they cannot pass without it")
    if tc.name not in _extracted:
        out = tc.dir / "extracted.o"
        check_run([EXTRACTOR, "-o", out, "--functions", ",".join(EXTRACTED), tc.patchable])
        _extracted[tc.name] = tc.run(out, "extracted")
        record(output_log, f"{tc.name} extracted", *_extracted[tc.name])
    return _extracted[tc.name]


def test_extracted_link_behaves_the_same(toolchain, output_log):
    status, lines = extracted_run(toolchain, output_log)
    assert status == 0, f"the extracted link failed with status {status}:\n" + "\n".join(lines)
    assert lines == toolchain.original[1]


def entry_bytes(obj, functions):
    """Section -> bytes of the entries the verifier selects for functions."""
    r = verify("--json", "--referencing", ",".join(functions), obj)
    assert r.returncode == 0, r.stderr
    return {s["name"]: sum(e["size"] for e in s["entries"])
            for f in json.loads(r.stdout)["files"] for s in f["sections"]}


def test_extracted_link_leaves_the_distractor_behind(toolchain, output_log):
    """The linked tables hold the extracted functions' entries, no more:
    the distractor's entries, patched in the original link, are gone."""
    assert entry_bytes(toolchain.patchable, [DISTRACTOR]).get("__ex_table"), \
        "the distractor must have entries for this to show anything"
    extracted_run(toolchain, output_log)
    exe = toolchain.dir / "extracted"
    symbols = {l.split()[-1] for l in check_run(["nm", exe]).stdout.splitlines()}
    assert DISTRACTOR not in symbols
    linked = dict(sections(exe).values())
    wanted = entry_bytes(toolchain.patchable, EXTRACTED)
    assert {t: linked.get(t, 0) for t in TABLES} == {t: wanted.get(t, 0) for t in TABLES}


# -- broken copies of patchable.o, no extractor needed ----------------------

def removed(section):
    def mutate(obj, out):
        check_run(["objcopy", "--remove-section", section, obj, out])
    return mutate


def field_rewritten(section, entry_size, offset, fmt, old, new):
    """Rewrites a field the assembler filled in (no relocation) in the one
    entry that holds old."""
    def mutate(obj, out):
        elf = Elf(obj.read_bytes())
        sec = elf.find_section(section)
        base = elf.shdr(sec, "sh_offset")
        hits = [base + i for i in range(0, elf.shdr(sec, "sh_size"), entry_size)
                if struct.unpack_from(fmt, elf.data, base + i + offset)[0] == old]
        assert len(hits) == 1, f"{section}: {len(hits)} entries hold {old}"
        struct.pack_into(fmt, elf.data, hits[0] + offset, new)
        out.write_bytes(elf.bytes())
    return mutate


MOVED_LINE = 1000
# (section, entry size, field offset, field format): struct bug_entry's
# line and struct alt_instr's ft_flags, the same in both classes.
BUG_LINE = ("__bug_table", 12, 8, "<H")
ALT_FEATURE = (".altinstructions", 14, 8, "<I")


def mutations():
    """name -> (mutation, exit status, the first original line that changes,
    what replaces it or None when the run ends there)."""
    line = warning_line()
    return {
        "no __ex_table": (removed("__ex_table"), -signal.SIGSEGV,
                          "extable: get_user_int(NULL)", None),
        "no __bug_table": (removed("__bug_table"), -signal.SIGILL,
                           "bug: checked_double(-3)", None),
        "no __jump_table": (
            removed("__jump_table"), 0, "jump: unlikely",
            "jump: unlikely branch: key off -> not taken; key on -> not taken; "
            "key off -> not taken"),
        "no .altinstructions": (removed(".altinstructions"), 0, "alternative: feature clear",
                                "alternative: feature clear -> 1; feature set -> 1"),
        "bug entry with another line": (
            field_rewritten(*BUG_LINE, line, line + MOVED_LINE), 0,
            "bug: checked_double(-3)",
            f"bug: checked_double(-3) -> WARNING at {SOURCE}:{line + MOVED_LINE}, then -6"),
        "alternative entry with another feature": (
            field_rewritten(*ALT_FEATURE, header_constant("FEATURE_SKIP_INC"),
                            header_constant("FEATURE_NEVER")), 0,
            "alternative: empty replacement",
            "alternative: empty replacement: alt_empty(4) feature clear -> 5; feature set -> 5"),
    }


@pytest.mark.parametrize("mutation", list(mutations()))
def test_broken_object_behaves_differently(toolchain, mutation):
    mutate, status, changed, replacement = mutations()[mutation]
    broken = toolchain.dir / ("broken-" + re.sub(r"\W+", "-", mutation) + ".o")
    mutate(toolchain.patchable, broken)
    got_status, lines = toolchain.run(broken, broken.stem)
    original = toolchain.original[1]
    k = next(i for i, l in enumerate(original) if l.startswith(changed))
    assert got_status == status
    assert lines[:k] == original[:k]
    if replacement is None:
        assert lines[k:] == []
    else:
        assert lines[k] == replacement
