# SPDX-License-Identifier: GPL-2.0
"""Change detection and correlation on object pairs as data: one source,
tests/pairs/patchable.c, built as it is and once per variant with the
variant's -D, by gcc and clang, -m64 and -m32. Each variant's verdict is
written in the source; extract_special_syms --changed (and, for the
resolve verdicts, klp_module resolve) must give exactly that. Names and
bindings are read back from the objects with pyelftools."""
import os
import re
from pathlib import Path

import pytest

from conftest import CFLAGS, EXTRACTOR, INCLUDES, OPTION_ON, ROOT, check_run, run
from extract_check import Obj

SOURCE = ROOT / "tests" / "pairs" / "patchable.c"
WORLD = ROOT / "tests" / "pairs" / "world.c"
MODULE_KEY = ROOT / "tests" / "pairs" / "module_key.c"
KLP = Path(os.environ.get("KLP_MODULE", ROOT / "build" / "klp_module"))
TEXT = SOURCE.read_text()
EXPORTED = re.search(r"^ \* exported: (.*)$", TEXT, re.M).group(1).split(", ")
VARIANTS = re.findall(r"^ \* variant (\w+)((?: -D\w+)*): (.*)$", TEXT, re.M)
BUILDS = [(cc, bits) for cc in ("gcc", "clang") for bits in (64, 32)]
# How the kernel builds a livepatch's objects: a section per function and
# per data object, and the ftrace entry call livepatch redirects.
PAIR_FLAGS = ["-ffunction-sections", "-fdata-sections", "-pg", "-mfentry"]


def verdicts(text, cc):
    """"kind rest" items of a verdict, those for this compiler."""
    out = []
    for item in text.split("; "):
        m = re.fullmatch(r"(?:(gcc|clang): )?(\w+)(?: (.*))?", item)
        assert m, f"bad verdict item {item!r}"
        if m.group(1) in (None, cc):
            out.append((m.group(2), m.group(3) or ""))
    return out


def compile_pair_source(cc, bits, out, defines=()):
    check_run([cc, f"-m{bits}", *OPTION_ON, *defines, *INCLUDES, *CFLAGS, *PAIR_FLAGS,
               "-c", "-o", out, SOURCE])
    return out


@pytest.fixture(scope="module", params=BUILDS, ids=lambda b: f"{b[0]}{b[1]}")
def original(request, tmp_path_factory):
    cc, bits = request.param
    d = tmp_path_factory.mktemp(f"pairs-{cc}{bits}")
    orig = compile_pair_source(cc, bits, d / "orig.o")
    world = d / "world.o"
    check_run([cc, f"-m{bits}", *CFLAGS, "-c", "-o", world, WORLD])
    vmlinux = d / "vmlinux"
    check_run(["ld", "-m", "elf_x86_64" if bits == 64 else "elf_i386", "-e", "_start",
               "-o", vmlinux, orig, world])
    key = d / "module_key.o"
    check_run([cc, f"-m{bits}", *CFLAGS, "-c", "-o", key, MODULE_KEY])
    module = d / "module.ko"
    check_run(["ld", "-m", "elf_x86_64" if bits == 64 else "elf_i386", "-r",
               "-o", module, orig, key])
    symvers = d / "Module.symvers"
    symvers.write_text("".join(f"0x00000000\t{n}\tvmlinux\tEXPORT_SYMBOL\t\n" for n in EXPORTED))
    return cc, bits, d, orig, vmlinux, module, symvers


def static_of(obj, function, base):
    """The name of function's static base: gcc's base.N or clang's
    function.base, found among what the function's relocations name."""
    f = obj.functions()[function]
    names = set()
    for r in obj.relocs_in(f.shndx, f.value, f.value + f.size):
        names |= {d[1] for d in obj.describe(f.shndx, r) if d[0] == "name"}
    found = [n for n in names if re.fullmatch(rf"{re.escape(base)}\.\d+", n)
             or n == f"{function}.{base}"]
    assert len(found) == 1, f"{function} names {sorted(names)}: which is its {base}?"
    return found[0]


def placeholders(text, obj):
    return re.sub(r"\{(\w+)\.(\w+)\}", lambda m: static_of(obj, m.group(1), m.group(2)), text)


def listed(stdout, patched):
    """The extractor's "PATCHED: KIND: a, b" lines as {KIND: {names}}."""
    found = {}
    for line in stdout.splitlines():
        m = re.fullmatch(rf"{re.escape(str(patched))}: (\w+): (.*)", line)
        assert m, f"unexpected output line {line!r}"
        assert m.group(1) not in found, f"two {m.group(1)} lines"
        found[m.group(1)] = set(m.group(2).split(", "))
    return found


def referenced(obj, function, name):
    """The symbol of obj that function's relocations reach name through."""
    f = obj.functions()[function]
    for r in obj.relocs_in(f.shndx, f.value, f.value + f.size):
        s = obj.symbols[r.sym]
        if s.name == name:
            return s
        if any(d[0] == "name" and d[1] == name for d in obj.describe(f.shndx, r)):
            return next(x for x in obj.symbols if x.name == name and x.shndx)
    return None


@pytest.mark.parametrize("name,flags,verdict", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_pair(original, name, flags, verdict, tmp_path):
    cc, bits, d, orig, vmlinux, module, symvers = original
    patched = compile_pair_source(cc, bits, tmp_path / "patched.o", flags.split())
    out = tmp_path / "out.o"
    before = orig.read_bytes(), patched.read_bytes()
    items = verdicts(verdict, cc)
    kinds = {k for k, _ in items}
    assert kinds <= {"changed", "new", "data", "bound", "own", "refused", "module", "nothing",
                     "linked"}
    linked = ["--linked", module] if "linked" in kinds else []
    r = run([EXTRACTOR, "-o", out, "--changed", orig, *linked, patched])
    assert (orig.read_bytes(), patched.read_bytes()) == before, "an input was written"
    if kinds & {"refused", "nothing"}:
        assert r.returncode == 1, r.stdout + r.stderr
        assert not out.exists()
        for kind, rest in items:
            if kind == "refused":
                want = f"{patched}: {placeholders(rest, Obj(patched))}"
                assert any(line.startswith(want) for line in r.stderr.splitlines()), \
                    f"no line {want!r} in:\n{r.stderr}"
            elif kind == "nothing":
                assert "no function differs" in r.stderr, r.stderr
        return
    assert r.returncode == 0, r.stdout + r.stderr
    found = listed(r.stdout, patched)
    for kind in ("changed", "new", "data"):
        want = {placeholders(n, Obj(patched)) for rest in
                (rest for k, rest in items if k == kind) for n in rest.split(", ")}
        assert found.get(kind, set()) == want, f"{kind}: {r.stdout}"
    result, o, p = Obj(out), Obj(orig), Obj(patched)
    # What the output carries it defines, an empty struct as well.
    for carried in found.get("data", ()):
        assert any(s.name == carried and s.shndx for s in result.symbols), \
            f"{carried} is listed as data but not defined in the output"
    for kind, rest in items:
        if kind not in ("bound", "own"):
            continue
        function, base = rest.split(".")
        theirs = static_of(p, function, base)
        s = referenced(result, function, theirs) or referenced(result, function,
                                                              static_of(o, function, base))
        assert s is not None, f"{function} no longer names its {base}"
        if kind == "bound":
            assert s.name == static_of(o, function, base) and not s.shndx, \
                f"{function}'s {base} is {s}, not the original's {static_of(o, function, base)}"
        else:
            assert s.shndx and s.type == "STT_OBJECT", f"{function}'s {base} is {s}"
    resolved = tmp_path / "resolved.o"
    common = ["resolve", "-o", resolved, "--orig", orig, "--vmlinux", vmlinux,
              "--symvers", symvers]
    r = run([KLP, *common, out])
    assert r.returncode == 0, r.stdout + r.stderr
    resolved.unlink()
    refusals = [rest for k, rest in items if k == "module"]
    r = run([KLP, *common, "--object", "module", "--object-elf", module, out])
    assert r.returncode == (1 if refusals else 0), r.stdout + r.stderr
    for rest in refusals:
        assert not resolved.exists()
        want = f"{out}: cannot patch: {rest}"
        assert any(line.startswith(want) for line in r.stderr.splitlines()), \
            f"no line {want!r} in:\n{r.stderr}"
