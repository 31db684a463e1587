# SPDX-License-Identifier: GPL-2.0
"""build/klp_module on small objects made here: a "vmlinux" linked from
three files, two of them named dup.c, each with a static helper(); a
Module.symvers exporting one function; a patched dup.c whose function
refers to an exported function, a global vmlinux does not export, its own
static helper() and a static of its own that vmlinux lacks. The answers
are computed independently from the linked file with pyelftools."""
import hashlib
import os
import subprocess
from pathlib import Path

import pytest
from elftools.elf.elffile import ELFFile
from elftools.elf.relocation import RelocationSection

from conftest import CFLAGS, EXTRACTOR, ROOT, check_run, run

KLP = Path(os.environ.get("KLP_MODULE", ROOT / "build" / "klp_module"))
SHF_RELA_LIVEPATCH = 0x00100000
SHN_LIVEPATCH = 0xff20

FIRST_DUP = r"""
__attribute__((noinline, used)) static int helper(void) { return 1; }
__attribute__((noinline, used)) static int only_in_first(void) { return helper(); }
int exported_fn(void) { return only_in_first(); }
"""
OTHER = r"""
__attribute__((noinline, used)) static int helper(void) { return 2; }
int hidden_global = 5;
int other_fn(void) { return helper(); }
"""
SECOND_DUP = r"""
__attribute__((noinline, used)) static int helper(void) { return 3; }
__attribute__((noinline, used)) static int only_in_second(void) { return helper(); }
int patched_fn(void) { return only_in_second(); }
"""
PATCHED_DUP = r"""
extern int exported_fn(void);
extern int hidden_global;
static int fresh = 11;
__attribute__((noinline, used)) static int helper(void) { return 3; }
__attribute__((noinline, used)) static int only_in_second(void) { return helper(); }
int patched_fn(void) { return helper() + exported_fn() + hidden_global + fresh++; }
"""
START = "void _start(void) { for (;;) ; }\n"


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def compile_c(src, out, *extra):
    check_run(["gcc", "-m64", *CFLAGS, "-fno-pic", *extra, "-c", "-o", out, src])
    return out


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    d = tmp_path_factory.mktemp("klp")
    objs = []
    for sub, text in (("first", FIRST_DUP), ("other", OTHER), ("second", SECOND_DUP),
                      ("start", START)):
        (d / sub).mkdir()
        name = "dup.c" if "dup" in sub or sub in ("first", "second") else f"{sub}.c"
        src = d / sub / name
        src.write_text(text)
        objs.append(compile_c(src, d / sub / "obj.o"))
    vmlinux = d / "vmlinux"
    check_run(["ld", "-m", "elf_x86_64", "-e", "_start", "-o", vmlinux, *objs])
    symvers = d / "Module.symvers"
    symvers.write_text("0x00000000\texported_fn\tvmlinux\tEXPORT_SYMBOL\t\n"
                       "0x00000000\tother_fn\tsome/module\tEXPORT_SYMBOL\t\n")
    (d / "patched").mkdir()
    psrc = d / "patched" / "dup.c"
    psrc.write_text(PATCHED_DUP)
    patched = compile_c(psrc, d / "patched" / "dup.o", "-ffunction-sections")
    return d, vmlinux, symvers, patched


def expected_helper_pos(vmlinux):
    """kallsyms' order: helpers by address; ours is in the group holding only_in_second."""
    with open(vmlinux, "rb") as f:
        syms = list(ELFFile(f).get_section_by_name(".symtab").iter_symbols())
    group, ours, helpers = None, None, []
    for s in syms:
        if s["st_info"]["type"] == "STT_FILE":
            group = []
        elif group is not None and s["st_info"]["bind"] == "STB_LOCAL":
            group.append(s)
            if s.name == "only_in_second":
                ours = next(h for h in group if h.name == "helper")
        if s.name == "helper":
            helpers.append(s["st_value"])
    helpers.sort()
    assert len(helpers) == 3
    return helpers.index(ours["st_value"]) + 1


def klp(*args):
    assert KLP.exists(), f"{KLP} missing: run make first"
    return run([KLP, *args])


def resolve(world, out, extracted, *extra):
    d, vmlinux, symvers, patched = world
    return klp("resolve", "-o", out, "--patched", patched, "--vmlinux", vmlinux,
               "--symvers", symvers, *extra, extracted)


@pytest.fixture(scope="module")
def extracted(world):
    d, _, _, patched = world
    out = d / "extracted.o"
    check_run([EXTRACTOR, "-o", out, "--functions", "patched_fn", patched])
    with_data = d / "extracted-data.o"
    check_run([EXTRACTOR, "-o", with_data, "--functions", "patched_fn", "--data", "fresh",
               patched])
    return out, with_data


def symbols(path):
    with open(path, "rb") as f:
        return [(s.name, s["st_shndx"], s["st_info"]["bind"])
                for s in ELFFile(f).get_section_by_name(".symtab").iter_symbols()]


def test_new_locals_listed(world, extracted):
    d, vmlinux, symvers, patched = world
    r = klp("resolve", "--new", "--patched", patched, "--vmlinux", vmlinux,
            "--symvers", symvers, extracted[0])
    assert r.returncode == 0, r.stderr
    assert r.stdout == "data fresh\n"


def test_new_local_not_carried(world, extracted, tmp_path):
    out = tmp_path / "out.o"
    before = sha(extracted[0])
    r = resolve(world, out, extracted[0], "--global", "patched_fn")
    assert r.returncode == 1
    assert r.stderr.startswith(f"{extracted[0]}: error: fresh is new")
    assert not out.exists() and sha(extracted[0]) == before


def test_resolved(world, extracted, tmp_path):
    d, vmlinux, _, _ = world
    out, ksyms = tmp_path / "out.o", tmp_path / "klp.symvers"
    before = sha(extracted[1])
    r = resolve(world, out, extracted[1], "--global", "patched_fn", "--klp-symvers", ksyms)
    assert r.returncode == 0, r.stderr
    assert sha(extracted[1]) == before
    pos = expected_helper_pos(vmlinux)
    assert pos > 0
    syms = {n: (ndx, bind) for n, ndx, bind in symbols(out)}
    # Exported: an ordinary reference. Not exported: livepatch names, still undefined.
    assert syms["exported_fn"] == ("SHN_UNDEF", "STB_GLOBAL")
    assert syms[".klp.sym.vmlinux.hidden_global,0"] == ("SHN_UNDEF", "STB_GLOBAL")
    assert syms[f".klp.sym.vmlinux.helper,{pos}"] == ("SHN_UNDEF", "STB_GLOBAL")
    assert "helper" not in syms and "hidden_global" not in syms
    # The new static came along defined; the function is global now.
    assert syms["fresh"][0] != "SHN_UNDEF" and syms["fresh"][1] == "STB_LOCAL"
    assert syms["patched_fn"][0] != "SHN_UNDEF" and syms["patched_fn"][1] == "STB_GLOBAL"
    # modpost drops a leading dot when it looks a name up.
    assert sorted(ksyms.read_text().splitlines()) == sorted([
        f"0x00000000\tklp.sym.vmlinux.helper,{pos}\tvmlinux\tEXPORT_SYMBOL_GPL\t",
        "0x00000000\tklp.sym.vmlinux.hidden_global,0\tvmlinux\tEXPORT_SYMBOL_GPL\t"])
    # Bytes and relocations otherwise as extracted.
    with open(extracted[1], "rb") as f, open(out, "rb") as g:
        a, b = ELFFile(f), ELFFile(g)
        for sec in a.iter_sections():
            if sec["sh_type"] in ("SHT_PROGBITS", "SHT_NOBITS"):
                other = b.get_section_by_name(sec.name)
                assert other.data() == sec.data() and other["sh_flags"] == sec["sh_flags"]
        assert reloc_list(a, ".text.patched_fn", rename={"helper": f".klp.sym.vmlinux.helper,{pos}",
                          "hidden_global": ".klp.sym.vmlinux.hidden_global,0"}) == \
            reloc_list(b, ".text.patched_fn")


def reloc_list(elf, section, rename=None):
    syms = list(elf.get_section_by_name(".symtab").iter_symbols())
    out = []
    for rs in elf.iter_sections():
        if isinstance(rs, RelocationSection) and elf.get_section(rs["sh_info"]).name == section:
            for r in rs.iter_relocations():
                s = syms[r["r_info_sym"]]
                name = s.name or "section " + elf.get_section(s["st_shndx"]).name
                out.append((r["r_offset"], r["r_info_type"], (rename or {}).get(name, name),
                            r["r_addend"], rs.name.startswith(".klp.rela.")))
    return sorted(out)


@pytest.fixture(scope="module")
def linked(world, extracted):
    """The resolved object in a relocatable link with C glue, as a .ko is made."""
    d = world[0]
    resolved = d / "resolved.o"
    r = resolve(world, resolved, extracted[1], "--global", "patched_fn")
    assert r.returncode == 0, r.stderr
    glue = d / "glue.c"
    glue.write_text("extern void patched_fn(void);\nvoid *new_func = patched_fn;\n")
    ko = d / "module.ko"
    check_run(["ld", "-m", "elf_x86_64", "-r", "-o", ko,
               compile_c(glue, d / "glue.o"), resolved])
    return ko


def test_convert(linked, tmp_path, world):
    out = tmp_path / "livepatch.ko"
    before = sha(linked)
    r = klp("convert", "-o", out, linked)
    assert r.returncode == 0, r.stderr
    assert sha(linked) == before
    pos = expected_helper_pos(world[1])
    with open(linked, "rb") as f, open(out, "rb") as g:
        a, b = ELFFile(f), ELFFile(g)
        syms = {s.name: s for s in b.get_section_by_name(".symtab").iter_symbols()}
        for name in (f".klp.sym.vmlinux.helper,{pos}", ".klp.sym.vmlinux.hidden_global,0"):
            assert syms[name]["st_shndx"] == SHN_LIVEPATCH
            assert syms[name]["st_info"]["bind"] == "STB_GLOBAL"
        assert syms["exported_fn"]["st_shndx"] == "SHN_UNDEF"
        klp_secs = [s for s in b.iter_sections() if s.name.startswith(".klp.rela.")]
        assert [s.name for s in klp_secs] == [".klp.rela.vmlinux.text.patched_fn"]
        k = klp_secs[0]
        assert k["sh_type"] == "SHT_RELA"
        assert k["sh_flags"] == SHF_RELA_LIVEPATCH | 0x40 | 0x2   # + SHF_INFO_LINK, SHF_ALLOC
        assert b.get_section(k["sh_info"]).name == ".text.patched_fn"
        # Every relocation is still there, those against livepatch symbols in .klp.rela.
        before_relocs = reloc_list(a, ".text.patched_fn")
        after_relocs = reloc_list(b, ".text.patched_fn")
        assert [x[:4] for x in before_relocs] == [x[:4] for x in after_relocs]
        assert all(x[4] == x[2].startswith(".klp.sym.") for x in after_relocs)
        assert sum(x[4] for x in after_relocs) >= 2
        # Sections of contents unchanged.
        for sec in a.iter_sections():
            if sec["sh_type"] in ("SHT_PROGBITS", "SHT_NOBITS", "SHT_NOTE"):
                other = b.get_section_by_name(sec.name)
                assert other.data() == sec.data() and other["sh_flags"] == sec["sh_flags"]
    assert "[0xff20]" in check_run(["readelf", "-sW", out]).stdout


def test_not_in_vmlinux(world, tmp_path):
    d, vmlinux, symvers, _ = world
    src = tmp_path / "dup.c"
    src.write_text("extern int nowhere;\nint patched_fn(void) { return nowhere; }\n")
    obj = compile_c(src, tmp_path / "dup.o", "-ffunction-sections")
    out = tmp_path / "out.o"
    r = klp("resolve", "-o", out, "--patched", obj, "--vmlinux", vmlinux, "--symvers", symvers,
            obj)
    assert r.returncode == 1
    assert f"{obj}: error: nowhere is neither exported" in r.stderr
    assert not out.exists()


def no_leftovers(out):
    assert not out.exists()
    assert [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")] == []


@pytest.mark.parametrize("which", ["in", "patched", "vmlinux"])
def test_resolve_malformed(world, extracted, tmp_path, which):
    d, vmlinux, symvers, patched = world
    paths = {"in": extracted[1], "patched": patched, "vmlinux": vmlinux}
    bad = tmp_path / "bad"
    bad.write_bytes(Path(paths[which]).read_bytes()[:100])
    paths[which] = bad
    out = tmp_path / "out.o"
    r = klp("resolve", "-o", out, "--patched", paths["patched"], "--vmlinux", paths["vmlinux"],
            "--symvers", symvers, paths["in"])
    assert r.returncode == 2
    assert r.stderr.startswith(f"{bad}: malformed ELF: ")
    no_leftovers(out)


def test_resolve_wrong_types(world, extracted, tmp_path):
    d, vmlinux, symvers, patched = world
    out = tmp_path / "out.o"
    r = klp("resolve", "-o", out, "--patched", patched, "--vmlinux", patched,
            "--symvers", symvers, extracted[1])
    assert r.returncode == 2 and r.stderr.startswith(f"{patched}: not an executable")
    r = klp("resolve", "-o", out, "--patched", patched, "--vmlinux", vmlinux,
            "--symvers", tmp_path / "missing", extracted[1])
    assert r.returncode == 2 and r.stderr.startswith(f"{tmp_path / 'missing'}: cannot read")
    bad_symvers = tmp_path / "bad.symvers"
    bad_symvers.write_text("0x0 only two\n")
    r = klp("resolve", "-o", out, "--patched", patched, "--vmlinux", vmlinux,
            "--symvers", bad_symvers, extracted[1])
    assert r.returncode == 2 and r.stderr.startswith(f"{bad_symvers}: line 1: ")
    no_leftovers(out)


def test_output_is_input(world, extracted, linked):
    before = sha(extracted[1])
    r = resolve(world, extracted[1], extracted[1], "--global", "patched_fn")
    assert r.returncode == 2 and "is an input file" in r.stderr
    assert sha(extracted[1]) == before
    before = sha(linked)
    r = klp("convert", "-o", linked, linked)
    assert r.returncode == 2 and "is the input file" in r.stderr
    assert sha(linked) == before


def test_convert_bad_name(tmp_path):
    src = tmp_path / "bad.c"
    src.write_text('extern int bad __asm__(".klp.sym.vmlinux.nopos");\n'
                   "int f(void) { return bad; }\n")
    obj = compile_c(src, tmp_path / "bad.o")
    out = tmp_path / "out.ko"
    before = sha(obj)
    r = klp("convert", "-o", out, obj)
    assert r.returncode == 1
    assert r.stderr.startswith(f"{obj}: error: .klp.sym.vmlinux.nopos is no livepatch symbol name")
    assert sha(obj) == before
    no_leftovers(out)


def test_convert_malformed(linked, tmp_path):
    bad = tmp_path / "cut.ko"
    bad.write_bytes(linked.read_bytes()[:200])
    out = tmp_path / "out.ko"
    r = klp("convert", "-o", out, bad)
    assert r.returncode == 2 and r.stderr.startswith(f"{bad}: malformed ELF: ")
    no_leftovers(out)


@pytest.mark.parametrize("args,message", [
    ([], "the first argument is resolve or convert"),
    (["frobnicate"], "the first argument is resolve or convert"),
    (["convert", "x.ko"], "no output file"),
    (["convert", "-o", "y", "--vmlinux", "v", "x.ko"], "convert takes -o OUT and IN.ko only"),
    (["resolve", "-o", "y", "x.o"], "resolve needs --patched, --vmlinux and --symvers"),
    (["resolve", "--bogus"], "unknown option '--bogus'"),
])
def test_usage(args, message):
    r = klp(*args)
    assert r.returncode == 2 and message in r.stderr
