# SPDX-License-Identifier: GPL-2.0
"""extract_special_syms on sources whose answers are known
(tests/extract/known.c), built with gcc and clang, -m64 and -m32,
-ffunction-sections: the entries OUT holds per section, their bytes and
relocations against the input's (tests/extract_check.py, pyelftools, no
code shared with the extractor), the selection against --referencing,
OUT verifying with --deep and linking, the cold part, and the command
line's exit statuses."""
import hashlib
import json
import os
import re
import stat
from collections import Counter

import pytest

from conftest import (CFLAGS, EXTRACTOR, INCLUDES, OPTION_ON, ROOT, check_run, extract,
                      run, sections, verify)
from elf_edit import Elf
from extract_check import Obj, check_output, referencing_names, selection_differences

SOURCE = ROOT / "tests" / "extract" / "known.c"
ALPHA = {"__ex_table": 3, ".altinstructions": 2, ".altinstr_replacement": 2,
         "__jump_table": 1, "__bug_table": 1}
BETA = {"__ex_table": 2, ".altinstructions": 1, ".altinstr_replacement": 1,
        ".discard.unwind_hints": 1}
GAMMA = {"__ex_table": 1, ".altinstructions": 1, ".altinstr_replacement": 1}
EPSILON = {"__ex_table": 1, ".altinstructions": 1, ".altinstr_replacement": 1,
           "__bug_table": 1}
ALL = "alpha,beta,gamma_,delta,epsilon,zeta"
# functions -> (entries per section, differences from --referencing)
EXPECTED = {
    "alpha": (ALPHA, {}),
    # beta's empty replacement starts where gamma_'s starts: the two
    # .altinstructions entries that point there pair with the two
    # replacements in order, each function takes its own.
    "beta": (BETA, {}),
    "gamma_": (GAMMA, {}),
    "delta": ({}, {}),
    "epsilon": (EPSILON, {}),
    "zeta": ({"__ex_table": 1}, {}),
    "alpha,beta": (dict(Counter(ALPHA) + Counter(BETA)), {}),
    "beta,gamma_": ({"__ex_table": 3, ".altinstructions": 2, ".altinstr_replacement": 2,
                     ".discard.unwind_hints": 1}, {}),
    ALL: ({"__ex_table": 8, ".altinstructions": 5, ".altinstr_replacement": 5,
           "__jump_table": 1, "__bug_table": 2, ".discard.unwind_hints": 1}, {}),
}
BUILDS = [(cc, bits) for cc in ("gcc", "clang") for bits in (64, 32)]


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compile_known(cc, bits, out, sections=True, source=SOURCE, defines=(), objtool=True):
    """known.c compiled; with objtool, its .call_sites gets the sh_entsize
    objtool gives its tables, which makes it a table of units."""
    check_run([cc, f"-m{bits}", *OPTION_ON, *defines, *INCLUDES, *CFLAGS,
               *(["-ffunction-sections"] if sections else []), "-c", "-o", out, source])
    e = Elf(out.read_bytes())
    if objtool and e.find_section(".call_sites") is not None:
        e.shdr(e.find_section(".call_sites"), "sh_entsize", 4)
        out.write_bytes(e.bytes())
    return out


@pytest.fixture(scope="module", params=BUILDS, ids=lambda b: f"{b[0]}{b[1]}")
def obj(request, tmp_path_factory):
    cc, bits = request.param
    return compile_known(cc, bits, tmp_path_factory.mktemp("extract") / "known.o")




def referencing(obj, names):
    r = verify("--json", "--referencing", ",".join(names), obj)
    assert r.returncode == 0, r.stderr
    return [e["symbol"] for s in json.loads(r.stdout)["files"][0]["sections"]
            for e in s["entries"]]


def extracted(obj, functions, out):
    """Extract, and check what every extraction must give: exit 0, nothing
    on stderr, IN unchanged, OUT verifying with --deep."""
    before = sha(obj)
    r = extract(out, functions, obj)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    assert sha(obj) == before, "the input was modified"
    deep = verify("--deep", out)
    assert deep.returncode == 0, deep.stderr
    return Obj(obj), Obj(out)


@pytest.mark.parametrize("functions", sorted(EXPECTED))
def test_extract(obj, functions, tmp_path):
    inp, out = extracted(obj, functions, tmp_path / "out.o")
    per_section, differences = EXPECTED[functions]
    got = Counter(out.sections[sec].name for sec, _, _ in out.entries().values())
    assert got == Counter(per_section)
    stats = check_output(inp, out)
    assert stats["entries"] == sum(per_section.values())
    missing, explained, unexplained = selection_differences(
        inp, out, referencing(obj, referencing_names(inp, functions.split(","))))
    assert missing == [] and unexplained == []
    assert explained == Counter(differences)


def test_cold_part_comes_along(obj, tmp_path):
    inp, out = extracted(obj, "epsilon", tmp_path / "out.o")
    if b"clang" in inp.data[inp.by_name[".comment"]]:
        assert "epsilon.cold" not in inp.functions()
        pytest.skip("clang splits no cold part off without a profile")
    cold = inp.functions().get("epsilon.cold")
    assert cold, "gcc made no epsilon.cold: the source no longer has a cold part"
    copy = out.functions()["epsilon.cold"]
    assert (copy.size, copy.bind) == (cold.size, cold.bind)
    assert out.sections[copy.shndx].name == inp.sections[cold.shndx].name
    # The __bug_table entry is the cold part's.
    (bug,) = [n for n, (sec, _, _) in out.entries().items()
              if out.sections[sec].name == "__bug_table"]
    sec, off, size = out.entries()[bug]
    first = out.relocs_in(sec, off, off + size)[0]
    assert ("name", "epsilon.cold") in {d[:2] for d in out.describe(sec, first)}


def test_moved_targets_keep_their_bytes(obj, tmp_path):
    """zeta's string is not the first of its section: it moves, and with it
    the addend (with REL, in the copied bytes; check_output proves they
    still name the same bytes)."""
    inp, out = extracted(obj, "zeta", tmp_path / "out.o")
    assert check_output(inp, out)["moved addends"] > 0


@pytest.mark.parametrize("functions,sites", [("epsilon", 1), ("zeta,delta", 2), ("alpha", 0)])
def test_sh_entsize_table(obj, functions, sites, tmp_path):
    """A checked table without entry symbols is cut by sh_entsize: known.c's
    .call_sites once objtool's sh_entsize 4 is set, as objtool sets it."""
    inp, out = extracted(obj, functions, tmp_path / "out.o")
    assert check_output(inp, out)["table slices"] == sites
    assert ".call_sites" in {s.name for s in out.sections} or not sites


@pytest.mark.parametrize("cc,bits", BUILDS)
def test_unknown_table_refused(cc, bits, tmp_path):
    """A table no row of the carriage table names, pointing into a function
    to extract, refuses it by name. Nothing is written and the input is
    unchanged."""
    src = compile_known(cc, bits, tmp_path / "known.o", defines=["-DINVENTED_TABLE"])
    before = sha(src)
    out = tmp_path / "out.o"
    r = extract(out, "epsilon", src)
    assert r.returncode == 1, r.stderr
    assert r.stderr == (f"{src}: cannot patch: epsilon: .invented_table points into it and "
                        "no rule says whether a livepatch may carry it\n")
    assert not out.exists() and sha(src) == before
    # A function the table does not point into is extracted.
    assert extract(out, "alpha", src).returncode == 0


@pytest.mark.parametrize("cc,bits", BUILDS)
def test_objtool_table_without_entsize_dropped(cc, bits, tmp_path):
    """.call_sites without the sh_entsize objtool gives it (as ld -r leaves
    objtool's tables) is no table of units: its own row drops it, saying
    that objtool makes the module's own, rather than carrying half of it."""
    src = compile_known(cc, bits, tmp_path / "known.o", objtool=False)
    r = run([EXTRACTOR, "-v", "-o", tmp_path / "out.o", "--functions", "epsilon", src])
    assert r.returncode == 0, r.stderr
    assert any(line.startswith(f"{src}: dropped: .call_sites: 1 reference into epsilon: "
                               "objtool's table, here without the sh_entsize")
               for line in r.stdout.splitlines()), r.stdout


@pytest.mark.parametrize("cc,bits", BUILDS)
def test_verbose_lists_what_is_dropped(cc, bits, tmp_path):
    """-v names each section left behind with its row's reason: zeta's call
    of helper stays with zeta's code, which is not copied."""
    src = compile_known(cc, bits, tmp_path / "known.o")
    r = run([EXTRACTOR, "-v", "-o", tmp_path / "out.o", "--functions", "helper", src])
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert (f"{src}: dropped: .text.zeta: 1 reference into helper: calls and jumps of other "
            "code: the running kernel's callers reach the copy through livepatch's "
            "redirection") in lines, r.stdout
    assert run([EXTRACTOR, "-o", tmp_path / "out.o", "--functions", "helper",
                src]).stdout == ""


def stubs_for(out, path):
    """An object defining every name OUT leaves undefined."""
    lines = []
    for s in out.symbols:
        if s.name and s.shndx is None and s.type != "STT_FILE":
            kind = "@function" if s.type == "STT_FUNC" else "@object"
            lines += [f".globl {s.name}", f".type {s.name}, {kind}", f"{s.name}: .long 0"]
    lines.append('.section .note.GNU-stack,"",@progbits')
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("functions", ["alpha", "beta,gamma_,delta,epsilon,zeta"])
def test_output_links(obj, functions, tmp_path):
    """OUT links on its own: what it names is either in it or a name."""
    inp, out = extracted(obj, functions, tmp_path / "out.o")
    bits = 64 if out.elf.elfclass == 64 else 32
    stubs = stubs_for(out, tmp_path / "stubs.s")
    check_run(["as", f"--{bits}", "-o", tmp_path / "stubs.o", stubs])
    r = run(["ld", "-m", "elf_x86_64" if bits == 64 else "elf_i386", "-e", "0",
             "--fatal-warnings", "-o", tmp_path / "linked", tmp_path / "out.o",
             tmp_path / "stubs.o"])
    assert r.returncode == 0, r.stderr


def test_describing_a_replacement(tmp_path):
    """An exception table entry for an instruction inside a replacement comes
    with the replacement (rule 2: it describes that code), which
    --referencing does not select. --deep takes a replacement for code (a
    sized STT_NOTYPE symbol in a code section), so input and output pass."""
    obj = compile_known("gcc", 64, tmp_path / "in.o",
                        source=ROOT / "tests" / "cases" / "nested_alternatives.c")
    out = tmp_path / "out.o"
    r = extract(out, "fences", obj)
    assert r.returncode == 0, r.stderr
    assert verify(out).returncode == 0
    deep_in, deep_out = verify("--deep", obj), verify("--deep", out)
    assert deep_in.returncode == deep_out.returncode == 0, deep_in.stderr + deep_out.stderr
    inp, o = Obj(obj), Obj(out)
    check_output(inp, o)
    missing, explained, unexplained = selection_differences(inp, o, referencing(obj, ["fences"]))
    assert missing == [] and unexplained == []
    assert explained == Counter({"__ex_table: describes code inside a taken code entry": 1})


# -- the command line -------------------------------------------------------

def refused(obj, functions, out, status, message):
    before = sha(obj) if obj.exists() else None
    r = extract(out, functions, obj)
    assert r.returncode == status, r.stderr
    assert message in r.stderr
    assert not out.exists(), "a failed extraction left OUT behind"
    if before:
        assert sha(obj) == before
    if out.parent.is_dir():
        assert [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")] == []
    return r


@pytest.mark.parametrize("name,message", [
    ("no_such_function", "error: no function named no_such_function"),
    ("key", "error: key is STT_OBJECT, not a function"),
    ("report", "error: report is not defined in this file"),
    ("alpha,nothing", "error: no function named nothing"),
])
def test_not_extractable(obj, tmp_path, name, message):
    refused(obj, name, tmp_path / "out.o", 1, message)


@pytest.mark.parametrize("cc,bits", BUILDS)
def test_shared_section(cc, bits, tmp_path):
    obj = compile_known(cc, bits, tmp_path / "in.o", sections=False)
    r = refused(obj, "alpha", tmp_path / "out.o", 1, "build with -ffunction-sections")
    assert f"{obj}: .text+0x" in r.stderr
    # Named together, the functions of the section may go out together.
    out = tmp_path / "all.o"
    assert extract(out, ALL + ",helper", obj).returncode == 0
    assert verify("--deep", out).returncode == 0


def test_malformed_input(obj, tmp_path):
    data = obj.read_bytes()
    for cut in (10, 100, len(data) // 2, len(data) - 1):
        bad = tmp_path / f"cut{cut}.o"
        bad.write_bytes(data[:cut])
        refused(bad, "alpha", tmp_path / "out.o", 2, f"{bad}: malformed ELF: ")
    empty = tmp_path / "empty.o"
    empty.write_bytes(b"")
    refused(empty, "alpha", tmp_path / "out.o", 2, "malformed ELF: empty file")
    refused(tmp_path / "missing.o", "alpha", tmp_path / "out.o", 2, "cannot open")


def test_unverified_input(tmp_path):
    """An object the verifier rejects gives no OUT, with the verifier's word."""
    obj = tmp_path / "gap.o"
    src = tmp_path / "gap.c"
    src.write_text('#include "kernel_like.h"\n'
                   'int f(void)\n{\n'
                   '\t__asm__ volatile("1: nop\\n2:\\n" _ASM_EXTABLE(1b, 2b)\n'
                   '\t\t\t " .pushsection __ex_table, \\"a\\"\\n .long 0\\n .popsection\\n");\n'
                   '\treturn 0;\n}\n')
    compile_known("gcc", 64, obj, source=src)
    r = refused(obj, "f", tmp_path / "out.o", 1, "does not verify clean")
    assert "__ex_table+0xc: error: gap: 0x4 bytes" in r.stderr


def test_unwritable_output(obj, tmp_path):
    refused(obj, "alpha", tmp_path / "no" / "such" / "dir.o", 2, "cannot create")
    directory = tmp_path / "a_directory"
    directory.mkdir()
    before = sha(obj)
    r = extract(directory, "alpha", obj)
    assert r.returncode == 2 and "cannot create" in r.stderr
    assert directory.is_dir() and list(directory.iterdir()) == []
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".a_directory.")] == []
    assert sha(obj) == before
    # Renaming onto IN would lose it: refused before anything is written.
    r = extract(obj, "alpha", obj)
    assert r.returncode == 2 and "is the input file" in r.stderr
    assert sha(obj) == before


def test_output_mode_follows_umask(obj, tmp_path):
    out = tmp_path / "out.o"
    old = os.umask(0o027)
    try:
        assert extract(out, "alpha", obj).returncode == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


@pytest.mark.parametrize("args", [
    [], ["-o", "x.o"], ["--functions", "f", "x.o"], ["-o", "x.o", "x.o"],
    ["-o", "x.o", "--functions", "f"], ["-o", "x.o", "--functions", ",", "x.o"],
    ["-o", "x.o", "--functions", "f", "--bogus", "x.o"],
    ["-o", "x.o", "--functions", "f", "x.o", "y.o"],
    ["-o", "x.o", "--functions", "f", "--section", "=8", "x.o"],
    ["-o", "x.o", "--changed", "y.o"], ["-o", "x.o", "--changed=", "y.o"],
    ["-o", "x.o", "--changed", "a.o", "--changed", "b.o", "y.o"],
    ["-o", "x.o", "--functions", "f", "--linked", "a.o", "y.o"],
    ["-o", "x.o", "--changed", "a.o", "--linked=", "y.o"]])
def test_usage(args, tmp_path):
    r = run([EXTRACTOR, *args], cwd=tmp_path)
    assert r.returncode == 2
    assert "usage: extract_special_syms" in r.stderr
    assert not (tmp_path / "x.o").exists()


def test_extended_section_numbering(tmp_path):
    """An output of more than 65,280 sections: e_shnum 0, e_shstrndx
    SHN_XINDEX, symbols through .symtab_shndx."""
    count = 33000
    lines = []
    for i in range(count):
        lines += [f'.section .text.f{i},"ax"', f".globl f{i}", f".type f{i}, @function",
                  f"f{i}: call ext", "ret", f".size f{i}, .-f{i}"]
    lines += ['.section __ex_table,"a"', "__ssym_x: .long f7 - ., f7 + 5 - ., 0",
              ".type __ssym_x, @object", ".size __ssym_x, 12"]
    src = tmp_path / "many.s"
    src.write_text("\n".join(lines) + "\n")
    obj = tmp_path / "many.o"
    check_run(["as", "--64", "-o", obj, src], timeout=300)
    names = [f"f{i}" for i in range(count)]
    chunks = [a for k in range(0, count, 5000) for a in ("--functions", ",".join(names[k:k + 5000]))]
    out = tmp_path / "out.o"
    r = run([EXTRACTOR, "-o", out, *chunks, obj], timeout=300)
    assert r.returncode == 0, r.stderr
    header = check_run(["readelf", "-hW", out]).stdout
    assert re.search(r"Number of section headers:\s+0 \((\d+)\)", header), header
    assert re.search(r"Section header string table index:\s+65535 \(\d+\)", header), header
    v = verify("-v", "--deep", out)
    assert v.returncode == 0, v.stderr
    assert ": __ex_table: 1 entry, 12 bytes" in v.stdout
    secs = {i: name for i, (name, _) in sections(out).items()}
    syms = check_run(["readelf", "-sW", out]).stdout
    last = re.search(rf"\bFUNC\s+GLOBAL\s+DEFAULT\s+(\d+) f{count - 1}$", syms, re.M)
    assert last and secs[int(last.group(1))] == f".text.f{count - 1}"
    assert int(last.group(1)) >= 0xff00


TOOL_TABLES = r"""
#define MARK(section) __asm__ volatile("1: nop\n .pushsection " section ",\"\"\n" \
				       " .long 1b - .\n .popsection")
int marked(int x)
{
	MARK(".discard.reachable");
	return x + 1;
}
int other(int x)
{
	MARK(".discard.reachable");
	/* Not a table: a byte no relocation covers follows the reference. */
	__asm__ volatile("2: nop\n .pushsection .note.tool,\"\"\n .long 2b - .\n"
			 " .byte 0\n .popsection");
	return x * 3;
}
"""


@pytest.mark.parametrize("cc,bits", BUILDS, ids=lambda b: str(b))
def test_tool_tables(cc, bits, tmp_path):
    """A section that is not loaded and holds only relocations, back to
    back (objtool's annotations), is cut into one unit per relocation; the
    units that point into the extracted code come along, as entries do. One
    that is no such table (a byte no relocation covers) and no row of the
    carriage table names refuses the function it points into."""
    src = tmp_path / "tables.c"
    src.write_text(TOOL_TABLES)
    obj = compile_known(cc, bits, tmp_path / "in.o", source=src)
    out = tmp_path / "marked.o"
    r = extract(out, "marked", obj)
    assert r.returncode == 0, r.stderr
    o = Obj(out)
    sec = o.by_name.get(".discard.reachable")
    assert sec is not None and o.sections[sec]["sh_size"] == 4
    (r,) = o.relocs[sec]
    assert o.describe(sec, r) == frozenset([("name", "marked", 0)]) or \
        o.target(sec, r)[0] == o.functions()["marked"].shndx
    assert ".note.tool" not in o.by_name
    r = extract(tmp_path / "other.o", "other", obj)
    assert r.returncode == 1
    assert r.stderr == (f"{obj}: cannot patch: other: .note.tool points into it and no rule "
                        "says whether a livepatch may carry it\n")
