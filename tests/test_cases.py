# SPDX-License-Identifier: GPL-2.0
"""Data-driven cases: each file under tests/cases (and asm/examples) carries
its own expectation in comment lines:

  // expect: exit=N                  verifier exit status (default 0)
  // error: FRAGMENT                 must appear in an error line (repeatable)
  // warning: FRAGMENT               must appear in a warning line
  // build: gas64 gas32 ...          toolchains (default: all that fit the file)
  // flags: --section NAME=SIZE      extra verifier arguments
  // entries: SECTION=N ...          entry symbols per section, cross-checked
                                     with readelf and with the section sizes
  // entsize: SECTION=N              set sh_entsize after assembling (objtool
                                     writes such sections; gas cannot)
"""
import re
import shlex
import struct
from pathlib import Path

import pytest

from conftest import ROOT, build, entry_symbols, sections, verify

CASE_DIRS = [ROOT / "tests" / "cases", ROOT / "asm" / "examples"]
DEFAULT_BUILDS = {".S": ["gas64", "gas32", "clang64", "clang32"],
                  ".c": ["gcc64", "gcc32", "clang64", "clang32"]}


def parse_case(path):
    spec = {"exit": 0, "error": [], "warning": [], "build": DEFAULT_BUILDS[path.suffix],
            "flags": [], "entries": {}, "entsize": {}}
    for m in re.finditer(r"^\s*//\s*(expect|error|warning|build|flags|entries|entsize):\s*(.*?)\s*$",
                         path.read_text(), re.M):
        key, value = m.groups()
        if key == "expect":
            spec["exit"] = int(re.fullmatch(r"exit=(\d+)", value).group(1))
        elif key in ("error", "warning"):
            spec[key].append(value)
        elif key == "build":
            spec["build"] = value.split()
        elif key == "flags":
            spec["flags"] = shlex.split(value)
        else:
            for item in value.split():
                name, n = item.rsplit("=", 1)
                spec[key][name] = int(n, 0)
    return spec


def all_cases():
    for d in CASE_DIRS:
        for path in sorted(d.glob("*.[cS]")):
            for toolchain in parse_case(path)["build"]:
                yield pytest.param(path, toolchain, id=f"{path.stem}-{toolchain}")


def set_entsize(obj, wanted):
    """Rewrite sh_entsize of named sections in place (the copy we built)."""
    data = bytearray(obj.read_bytes())
    is64 = data[4] == 2
    shoff = struct.unpack_from("<Q" if is64 else "<I", data, 0x28 if is64 else 0x20)[0]
    shentsize = 64 if is64 else 40
    field = 56 if is64 else 36
    for index, (name, _) in sections(obj).items():
        if name in wanted:
            struct.pack_into("<Q" if is64 else "<I", data, shoff + index * shentsize + field,
                             wanted[name])
    obj.write_bytes(bytes(data))


@pytest.mark.parametrize("path,toolchain", all_cases())
def test_case(path, toolchain, tmp_path, verifier):
    spec = parse_case(path)
    obj = build(path, tmp_path / f"{path.stem}.o", toolchain)
    if spec["entsize"]:
        set_entsize(obj, spec["entsize"])

    arch = "X86_64" if toolchain.endswith("64") else "386"
    spec["error"] = [f.replace("{arch}", arch) for f in spec["error"]]
    r = verify("-v", *spec["flags"], obj)
    diagnostics = r.stderr.splitlines()
    assert r.returncode == spec["exit"], r.stderr
    for fragment in spec["error"]:
        assert any(": error: " in d and fragment in d for d in diagnostics), \
            f"no error with {fragment!r} in:\n{r.stderr}"
    for fragment in spec["warning"]:
        assert any(": warning: " in d and fragment in d for d in diagnostics), \
            f"no warning with {fragment!r} in:\n{r.stderr}"
    if spec["exit"] == 0:
        assert ": error: " not in r.stderr
    if not spec["warning"]:
        assert ": warning: " not in r.stderr
    # Every diagnostic names the file first, in the compiler's shape.
    for d in diagnostics:
        assert d.startswith(f"{obj}: "), d

    symbols = entry_symbols(obj)
    sizes = {name: size for name, size in sections(obj).values()}
    for section, expected in spec["entries"].items():
        found = symbols.get(section, [])
        assert len(found) == expected, f"{section}: readelf shows {found}"
        assert f": {section}: {expected} entr" in r.stdout, r.stdout
        widths = {size for _, size, _ in found}
        if len(widths) == 1 and 0 not in widths and section != ".altinstr_replacement" \
                and section != ".altinstr_aux":
            assert sizes[section] // widths.pop() == expected
        assert len({name for _, _, name in found}) == expected, "names must be unique"
