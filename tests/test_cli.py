# SPDX-License-Identifier: GPL-2.0
"""The command-line contract: exit statuses, listing, JSON."""
import json

import pytest

from conftest import ROOT, build, verify

CASES = ROOT / "tests" / "cases"


@pytest.fixture(scope="module")
def objects(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    return {
        "clean": build(ROOT / "asm" / "examples" / "inline.c", d / "inline.o", "gcc64"),
        "clean32": build(ROOT / "asm" / "examples" / "entries.S", d / "entries.o", "gas32"),
        "gap": build(CASES / "gap.S", d / "gap.o", "gas64"),
        "straddle": build(CASES / "straddle.S", d / "straddle.o", "gas32"),
    }


def test_worst_status_wins(objects, tmp_path):
    assert verify(objects["clean"], objects["clean32"]).returncode == 0
    assert verify(objects["clean"], objects["gap"]).returncode == 1
    r = verify(objects["gap"], tmp_path / "missing.o", objects["clean"])
    assert r.returncode == 2
    assert f"{tmp_path / 'missing.o'}: cannot open" in r.stderr
    assert "gap: 0xc bytes" in r.stderr, "later files are still checked"


@pytest.mark.parametrize("args", [[], ["--bogus", "x.o"], ["--section"],
                                  ["--section", "=8", "x.o"], ["--section", "t=0", "x.o"],
                                  ["--section", "t=abc", "x.o"], ["--section", "t=-4", "x.o"]])
def test_usage_errors(args):
    r = verify(*args)
    assert r.returncode == 2
    assert "usage: verify_special_syms" in r.stderr


def test_help():
    r = verify("--help")
    assert r.returncode == 0 and "usage:" in r.stdout


def test_list_shows_entries_and_relocation_targets(objects):
    r = verify("--list", objects["clean"])
    assert r.returncode == 0
    lines = [l for l in r.stdout.splitlines() if ": __ex_table+" in l]
    assert len(lines) == 8
    # Each exception table entry: fault address and fixup, both into code.
    for line in lines:
        assert line.count("R_X86_64_PC32") == 2 and " size 0xc __ssym_" in line


def test_list_shows_rel_addends(objects):
    r = verify("--list", objects["straddle"])
    assert ".altinstr_replacement+0x0 size 0x6 r0 -> +0x4 R_386_32 target+0x0" in r.stdout


def test_json_is_one_document(objects):
    r = verify("--json", objects["clean"], objects["clean32"], objects["gap"])
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    files = {f["file"]: f for f in doc["files"]}
    clean = files[str(objects["clean"])]
    assert clean["class"] == "ELF64" and clean["errors"] == 0
    sections = {s["name"]: s for s in clean["sections"]}
    assert sections["__ex_table"]["entry_size"] == 12
    assert len(sections["__ex_table"]["entries"]) == 8
    assert sections[".altinstr_replacement"]["kind"] == "variable"
    first = sections["__ex_table"]["entries"][0]
    assert {r["type"] for r in first["relocs"]} == {"R_X86_64_PC32"}
    assert files[str(objects["clean32"])]["class"] == "ELF32"
    # The gap, and the two relocations inside it.
    assert files[str(objects["gap"])]["errors"] == 3


def test_verbose_summary(objects):
    r = verify("-v", objects["clean32"])
    assert f"{objects['clean32']}: .altinstructions: 3 entries, 42 bytes, entry size 14" in r.stdout
    assert f"{objects['clean32']}: .altinstr_replacement: 3 entries, 6 bytes, variable-size entries" \
        in r.stdout
