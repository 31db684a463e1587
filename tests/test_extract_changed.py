# SPDX-License-Identifier: GPL-2.0
"""extract_special_syms --changed ORIG: tests/extract/changed.c built twice,
as it is and with -DPATCHED (gcc and clang, -m64 and -m32,
-ffunction-sections, and the ftrace entry call a livepatch redirects). The functions found must be exactly those the
source's comment lists, OUT what --functions with them gives; the moves
that must not count (strings, a static, an entry symbol's number) are
checked to be there, and edits of the original show what does count."""
import re

import pytest

from conftest import EXTRACTOR, ROOT, run, verify
from elf_edit import Elf
from extract_check import Obj
from test_extract import BUILDS, compile_known, sha

SOURCE = ROOT / "tests" / "extract" / "changed.c"
EXPECTED = {kind: set(names.split(", ")) for kind, names in
            re.findall(r"^ \* (changed|new|data|removed): (.*)$", SOURCE.read_text(), re.M)}
# Like the kernel: an ftrace entry call in each function, which a changed
# function must have for livepatch to redirect it.
TRACED = ["-pg", "-mfentry"]


@pytest.fixture(scope="module", params=BUILDS, ids=lambda b: f"{b[0]}{b[1]}")
def pair(request, tmp_path_factory):
    cc, bits = request.param
    d = tmp_path_factory.mktemp(f"changed{cc}{bits}")
    return (compile_known(cc, bits, d / "orig.o", source=SOURCE, defines=TRACED),
            compile_known(cc, bits, d / "patched.o", source=SOURCE,
                          defines=["-DPATCHED", *TRACED]))


def unnumbered(name):
    """A static's name without gcc's number or clang's function prefix."""
    return re.sub(r"^added\.|\.\d+$", "", name)


def changed(out, orig, patched, *args):
    """Run --changed; (result, {"changed": names, "new": names, "data":
    names without their numbers} from stdout)."""
    assert EXTRACTOR.exists(), f"{EXTRACTOR} missing: run make first"
    r = run([EXTRACTOR, "-o", out, *args, "--changed", orig, patched])
    found = {}
    for line in r.stdout.splitlines():
        m = re.fullmatch(rf"{re.escape(str(patched))}: (changed|new|data): (.*)", line)
        assert m, f"unexpected output line {line!r}"
        assert m.group(1) not in found, f"two {m.group(1)} lines"
        names = m.group(2).split(", ")
        found[m.group(1)] = set(map(unnumbered, names) if m.group(1) == "data" else names)
    return r, found


def removed(r, orig, patched):
    want = re.compile(rf"{re.escape(str(orig))}: warning: (\S+) is not in "
                      rf"{re.escape(str(patched))}: a livepatch cannot remove a function")
    names = set()
    for line in r.stderr.splitlines():
        m = want.fullmatch(line)
        assert m, f"unexpected diagnostic {line!r}"
        names.add(m.group(1))
    return names


def test_finds_exactly_the_changed(pair, tmp_path):
    orig, patched = pair
    before = sha(orig), sha(patched)
    out = tmp_path / "out.o"
    r, found = changed(out, orig, patched)
    assert r.returncode == 0, r.stderr
    assert found == {k: EXPECTED[k] for k in ("changed", "new", "data")}
    assert removed(r, orig, patched) == EXPECTED["removed"]
    assert (sha(orig), sha(patched)) == before
    deep = verify("--deep", out)
    assert deep.returncode == 0, deep.stderr


def new_data(patched):
    """The names of the new data --changed carries, as the object has them."""
    wanted = EXPECTED["data"]
    return ",".join(sorted(s.name for s in Obj(patched).symbols
                           if s.type == "STT_OBJECT" and s.shndx and unnumbered(s.name) in wanted))


def test_same_output_as_functions(pair, tmp_path):
    """What --changed finds and carries, named: the same object."""
    orig, patched = pair
    r, found = changed(tmp_path / "changed.o", orig, patched)
    assert r.returncode == 0, r.stderr
    names = ",".join(sorted(found["changed"] | found["new"]))
    r = run([EXTRACTOR, "-o", tmp_path / "named.o", "--functions", names,
             "--data", new_data(patched), patched])
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "changed.o").read_bytes() == (tmp_path / "named.o").read_bytes()


def test_functions_and_changed_together(pair, tmp_path):
    """A function named besides goes out too, as one livepatch does not
    redirect: with the new ones."""
    orig, patched = pair
    r, found = changed(tmp_path / "both.o", orig, patched, "--functions", "uses_counter,added")
    assert r.returncode == 0, r.stderr
    assert found == {"changed": EXPECTED["changed"], "new": EXPECTED["new"] | {"uses_counter"},
                     "data": EXPECTED["data"]}
    names = ",".join(sorted(EXPECTED["changed"] | EXPECTED["new"] | {"uses_counter"}))
    r = run([EXTRACTOR, "-o", tmp_path / "named.o", "--functions", names,
             "--data", new_data(patched), patched])
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "both.o").read_bytes() == (tmp_path / "named.o").read_bytes()


def relocs_of(obj, section):
    """(type, symbol name, addend) of each relocation patching section."""
    sec = obj.by_name[section]
    return [(r.type, obj.symbols[r.sym].name, r.addend) for r in obj.relocs.get(sec, [])]


def test_the_moves_are_there(pair):
    """What must not count has moved: without the rules for it, the
    functions would be found changed."""
    a, b = Obj(pair[0]), Obj(pair[1])
    # Each string of strings_moved sits elsewhere in its section.
    strings = [[r for r in relocs_of(o, ".text.strings_moved")
                if r[1] not in ("report", "__fentry__")] for o in (a, b)]
    assert len(strings[0]) == 2 and all(x != y for x, y in zip(*strings))
    # The static uses_counter reads moved.
    counter = [next(s.value for s in o.symbols if s.name == "counter") for o in (a, b)]
    assert counter[0] != counter[1]
    # The entry uses_aux jumps into has another name.
    aux = [{s.name for s in o.symbols if s.shndx == o.by_name.get(".altinstr_aux") and
            s.name.startswith("__ssym_")} for o in (a, b)]
    assert aux[0] and aux[1] and not aux[0] & aux[1]
    # gcc numbers the statics of uses_statics anew; clang names them
    # uses_statics.offsets and so on.
    numbered = [{s.name for s in o.symbols if re.fullmatch(r"(offsets|self)\.\d+", s.name)}
                for o in (a, b)]
    if b"clang" not in a.data[a.by_name[".comment"]]:
        assert len(numbered[0]) == 2 and not numbered[0] & numbered[1]
    # gcc: cold_changed's string is in its cold part alone.
    if "cold_changed.cold" in b.functions():
        assert relocs_of(a, ".text.cold_changed") == relocs_of(b, ".text.cold_changed")


def edited(orig, tmp_path, section, at):
    """A copy of orig with one byte of section flipped, at offset at."""
    e = Elf(orig.read_bytes())
    sec = e.find_section(section)
    e.data[e.shdr(sec, "sh_offset") + at] ^= 0xFF
    copy = tmp_path / "edited.o"
    copy.write_bytes(e.bytes())
    return copy


@pytest.mark.parametrize("section,function", [
    (".text.uses_counter", "uses_counter"),     # code bytes
    (".altinstr_aux", "uses_aux"),              # the entry it jumps into
])
def test_what_counts(pair, tmp_path, section, function):
    """One byte changed in the original where it counts: the function it
    belongs to is changed too (the first byte of each is no relocation's)."""
    orig, patched = pair
    r, found = changed(tmp_path / "out.o", edited(orig, tmp_path, section, 0), patched)
    assert r.returncode == 0, r.stderr
    assert found["changed"] == EXPECTED["changed"] | {function}


def test_nothing_changed(pair, tmp_path):
    _, patched = pair
    out = tmp_path / "out.o"
    r, found = changed(out, patched, patched)
    assert r.returncode == 1
    assert found == {}
    assert r.stderr == (f"{patched}: error: no function differs from {patched} and "
                        "nothing new is global: nothing to extract\n")
    assert not out.exists()
    # Named functions go out all the same, as none livepatch redirects.
    r, found = changed(out, patched, patched, "--functions", "uses_counter")
    assert r.returncode == 0 and found == {"new": {"uses_counter"}} and r.stderr == ""


def test_refused_originals(pair, tmp_path):
    orig, patched = pair
    out = tmp_path / "out.o"
    other = tmp_path / "other.o"
    bits = 32 if Obj(patched).elf.elfclass == 64 else 64
    compile_known("gcc", bits, other, source=SOURCE)
    cut = tmp_path / "cut.o"
    cut.write_bytes(orig.read_bytes()[:100])
    for bad, message in [(tmp_path / "missing.o", "cannot open"),
                         (cut, "malformed ELF: "),
                         (other, "not the same source compiled without the patch")]:
        r, _ = changed(out, bad, patched)
        assert r.returncode == 2, r.stderr
        assert r.stderr.startswith(f"{bad}: ") and message in r.stderr, r.stderr
        assert not out.exists()
    # OUT may not replace the original either.
    before = sha(orig)
    r, _ = changed(orig, orig, patched)
    assert r.returncode == 2 and "is the original (--changed)" in r.stderr
    assert sha(orig) == before

