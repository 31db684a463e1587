# SPDX-License-Identifier: GPL-2.0
"""build/klp_module on small objects made here: a "vmlinux" linked from
three files, two of them named dup.c, each with a static helper(); a
"module" linked from two files with a static mod_helper() each; a
Module.symvers exporting one function of vmlinux and one of the module;
patched copies of the second dup.c and the second module file whose
functions refer to an exported function, a global vmlinux does not
export, their own statics and a static of their own that the original
lacks. The answers are computed independently from the linked files with
pyelftools."""
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
MOD_FIRST = r"""
__attribute__((noinline, used)) static int mod_helper(void) { return 7; }
int mod_exported(void) { return mod_helper(); }
"""
MOD_SECOND = r"""
__attribute__((noinline, used)) static int mod_helper(void) { return 8; }
__attribute__((noinline, used)) static int only_in_mod2(void) { return mod_helper(); }
int mod_fn(void) { return only_in_mod2(); }
"""
MOD_PATCHED = r"""
extern int mod_exported(void), exported_fn(void), hidden_global;
__attribute__((noinline, used)) static int mod_helper(void) { return 8; }
__attribute__((noinline, used)) static int only_in_mod2(void) { return mod_helper(); }
int mod_fn(void) { return mod_helper() + mod_exported() + exported_fn() + hidden_global; }
"""


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def compile_c(src, out, *extra):
    check_run(["gcc", "-m64", *CFLAGS, "-fno-pic", *extra, "-c", "-o", out, src])
    return out


def compile_in(d, sub, name, text, *extra):
    (d / sub).mkdir(exist_ok=True)
    src = d / sub / name
    src.write_text(text)
    return compile_c(src, d / sub / "obj.o", *extra)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """(dir, vmlinux, Module.symvers, the patched dup.c, its original)."""
    d = tmp_path_factory.mktemp("klp")
    objs = [compile_in(d, sub, name, text) for sub, name, text in (
        ("first", "dup.c", FIRST_DUP), ("other", "other.c", OTHER),
        ("second", "dup.c", SECOND_DUP), ("start", "start.c", START))]
    vmlinux = d / "vmlinux"
    check_run(["ld", "-m", "elf_x86_64", "-e", "_start", "-o", vmlinux, *objs])
    symvers = d / "Module.symvers"
    symvers.write_text("0x00000000\texported_fn\tvmlinux\tEXPORT_SYMBOL\t\n"
                       "0x00000000\tother_fn\tsome/module\tEXPORT_SYMBOL\t\n"
                       "0x00000000\tmod_exported\tdrivers/mymod\tEXPORT_SYMBOL\t\n")
    patched = compile_in(d, "patched", "dup.c", PATCHED_DUP, "-ffunction-sections")
    return d, vmlinux, symvers, patched, objs[2]


@pytest.fixture(scope="module")
def module(world):
    """(the module's .ko, the patched second file, its original)."""
    d = world[0]
    objs = [compile_in(d, sub, "mod.c", text) for sub, text in (
        ("mod1", MOD_FIRST), ("mod2", MOD_SECOND))]
    ko = d / "mymod.ko"
    check_run(["ld", "-m", "elf_x86_64", "-r", "-o", ko, *objs])
    patched = compile_in(d, "modpatched", "mod.c", MOD_PATCHED, "-ffunction-sections")
    return ko, patched, objs[1]


def symtab(path):
    with open(path, "rb") as f:
        return list(ELFFile(f).get_section_by_name(".symtab").iter_symbols())


def group_of(syms, member):
    """The locals of the STT_FILE group holding a local named member."""
    group, found = [], None
    for s in syms:
        if s["st_info"]["type"] == "STT_FILE":
            group = []
        elif s["st_info"]["bind"] == "STB_LOCAL":
            group.append(s)
            if s.name == member:
                found = group
    return found


def expected_helper_pos(vmlinux):
    """kallsyms' order: helpers by address; ours is in the group holding only_in_second."""
    syms = symtab(vmlinux)
    ours = next(h for h in group_of(syms, "only_in_second") if h.name == "helper")
    helpers = sorted(s["st_value"] for s in syms if s.name == "helper")
    assert len(helpers) == 3
    return helpers.index(ours["st_value"]) + 1


def expected_module_pos(ko, name, member):
    """A module's kallsyms order: the symbol table's, among those of name;
    ours is the one in the STT_FILE group holding member."""
    group, ours, same = [], None, []
    for i, s in enumerate(symtab(ko)):
        if s["st_info"]["type"] == "STT_FILE":
            group = []
            continue
        group.append((i, s.name))
        if s.name == name:
            same.append(i)
        if s.name == member:
            ours = next(k for k, n in group if n == name)
    assert len(same) == 2 and ours is not None
    return same.index(ours) + 1


def klp(*args):
    assert KLP.exists(), f"{KLP} missing: run make first"
    return run([KLP, *args])


def resolve(world, out, extracted, *extra):
    d, vmlinux, symvers, patched, orig = world
    return klp("resolve", "-o", out, "--orig", orig, "--vmlinux", vmlinux,
               "--symvers", symvers, *extra, extracted)


@pytest.fixture(scope="module")
def extracted(world):
    d, _, _, patched, _ = world
    out = d / "extracted.o"
    check_run([EXTRACTOR, "-o", out, "--functions", "patched_fn", patched])
    with_data = d / "extracted-data.o"
    check_run([EXTRACTOR, "-o", with_data, "--functions", "patched_fn,helper", "--data", "fresh",
               patched])
    return out, with_data


def symbols(path):
    return [(s.name, s["st_shndx"], s["st_info"]["bind"]) for s in symtab(path)]


def test_new_local_not_carried(world, extracted, tmp_path):
    """A static the original lacks, left out of the extraction: nowhere to
    be found, and nothing written."""
    out = tmp_path / "out.o"
    before = sha(extracted[0])
    r = resolve(world, out, extracted[0], "--patch", "patched_fn")
    assert r.returncode == 1
    assert r.stderr.startswith(f"{extracted[0]}: error: fresh is neither exported")
    assert not out.exists() and sha(extracted[0]) == before


def test_resolved(world, extracted, tmp_path):
    d, vmlinux, _, _, _ = world
    out, ksyms, glue = tmp_path / "out.o", tmp_path / "klp.symvers", tmp_path / "glue"
    before = sha(extracted[1])
    r = resolve(world, out, extracted[1], "--patch", "patched_fn,helper",
                "--klp-symvers", ksyms, "--glue", glue)
    assert r.returncode == 0, r.stderr
    assert sha(extracted[1]) == before
    pos = expected_helper_pos(vmlinux)
    assert pos > 0
    syms = {n: (ndx, bind) for n, ndx, bind in symbols(out)}
    # Exported: an ordinary reference. Not exported: livepatch names, still undefined.
    assert syms["exported_fn"] == ("SHN_UNDEF", "STB_GLOBAL")
    assert syms[".klp.sym.vmlinux.hidden_global,0"] == ("SHN_UNDEF", "STB_GLOBAL")
    assert "hidden_global" not in syms
    # The new static came along defined; helper came along too, local.
    assert syms["fresh"][0] != "SHN_UNDEF" and syms["fresh"][1] == "STB_LOCAL"
    assert syms["helper"][0] != "SHN_UNDEF" and syms["helper"][1] == "STB_LOCAL"
    # Each function to patch: a global alias at it, and a line of the glue.
    by_name = {s.name: s for s in symtab(out)}
    for k, name in enumerate(("patched_fn", "helper")):
        alias = by_name[f"__klp_new_{k}"]
        assert alias["st_info"]["bind"] == "STB_GLOBAL" and alias["st_info"]["type"] == "STT_FUNC"
        assert (alias["st_shndx"], alias["st_value"], alias["st_size"]) == \
            (by_name[name]["st_shndx"], by_name[name]["st_value"], by_name[name]["st_size"])
    assert glue.read_text().splitlines() == [
        "func vmlinux patched_fn 0 __klp_new_0", f"func vmlinux helper {pos} __klp_new_1"]
    # modpost drops a leading dot when it looks a name up.
    assert ksyms.read_text().splitlines() == [
        "0x00000000\tklp.sym.vmlinux.hidden_global,0\tvmlinux\tEXPORT_SYMBOL_GPL\t"]
    # Bytes and relocations otherwise as extracted.
    with open(extracted[1], "rb") as f, open(out, "rb") as g:
        a, b = ELFFile(f), ELFFile(g)
        for sec in a.iter_sections():
            if sec["sh_type"] in ("SHT_PROGBITS", "SHT_NOBITS"):
                other = b.get_section_by_name(sec.name)
                assert other.data() == sec.data() and other["sh_flags"] == sec["sh_flags"]
        assert reloc_list(a, ".text.patched_fn", rename={
            "hidden_global": ".klp.sym.vmlinux.hidden_global,0"}) == \
            reloc_list(b, ".text.patched_fn")


def test_at_load_and_bind(world, extracted, tmp_path):
    """The glue's own names, answered as the part's references are, and
    start/stop symbols around each table it applies at load."""
    d, vmlinux, _, _, _ = world
    out, ksyms, glue = tmp_path / "out.o", tmp_path / "klp.symvers", tmp_path / "glue"
    r = resolve(world, out, extracted[1], "--at-load",
                ".text.patched_fn:long:helper,.data:byte:hidden_global",
                "--bind", "exported_fn,hidden_global", "--klp-symvers", ksyms, "--glue", glue)
    assert r.returncode == 0, r.stderr
    pos = expected_helper_pos(vmlinux)
    assert glue.read_text().splitlines() == [
        "bind vmlinux exported_fn exported_fn",
        "bind vmlinux hidden_global .klp.sym.vmlinux.hidden_global,0",
        f"at-load vmlinux long __klp_new_start_0 __klp_new_stop_0 .klp.sym.vmlinux.helper,{pos}",
        "at-load vmlinux byte __klp_new_start_1 __klp_new_stop_1 .klp.sym.vmlinux.hidden_global,0"]
    assert f"klp.sym.vmlinux.helper,{pos}" in ksyms.read_text()
    with open(out, "rb") as f:
        e = ELFFile(f)
        by_name = {s.name: s for s in e.get_section_by_name(".symtab").iter_symbols()}
        for k, sec in enumerate((".text.patched_fn", ".data")):
            index = next(i for i, s in enumerate(e.iter_sections()) if s.name == sec)
            start, stop = by_name[f"__klp_new_start_{k}"], by_name[f"__klp_new_stop_{k}"]
            assert start["st_info"]["bind"] == stop["st_info"]["bind"] == "STB_GLOBAL"
            assert start["st_shndx"] == stop["st_shndx"] == index
            assert (start["st_value"], stop["st_value"]) == (0, e.get_section(index)["sh_size"])


@pytest.mark.parametrize("args,status,message", [
    (["--at-load", ".nosuch:long:helper"], 1, ".nosuch: no such section to apply at load"),
    (["--at-load", ".text.patched_fn:long:nobody"], 1,
     "nobody is neither exported"),
    (["--bind", "nobody"], 1, "nobody is neither exported"),
    (["--at-load", ".text.patched_fn:long"], 2, "--at-load needs SECTION:WIDTH:VARIABLE"),
    (["--at-load", "a::b"], 2, "--at-load needs SECTION:WIDTH:VARIABLE"),
])
def test_at_load_refused(world, extracted, tmp_path, args, status, message):
    out = tmp_path / "out.o"
    before = sha(extracted[1])
    r = resolve(world, out, extracted[1], *args)
    assert r.returncode == status and message in r.stderr, r.stderr
    assert sha(extracted[1]) == before
    no_leftovers(out)


def test_unextracted_static(world, tmp_path):
    """The original's static, not extracted: the running one, at its position."""
    d, vmlinux, _, patched, _ = world
    ext = tmp_path / "ext.o"
    check_run([EXTRACTOR, "-o", ext, "--functions", "patched_fn", "--data", "fresh", patched])
    out = tmp_path / "out.o"
    r = resolve(world, out, ext)
    assert r.returncode == 0, r.stderr
    names = {n for n, _, _ in symbols(out)}
    assert f".klp.sym.vmlinux.helper,{expected_helper_pos(vmlinux)}" in names


def test_provided(world, extracted, tmp_path):
    """What another part of the livepatch defines stays a plain reference."""
    out = tmp_path / "out.o"
    r = resolve(world, out, extracted[1], "--provided", "hidden_global,unrelated")
    assert r.returncode == 0, r.stderr
    syms = {n: (ndx, bind) for n, ndx, bind in symbols(out)}
    assert syms["hidden_global"] == ("SHN_UNDEF", "STB_GLOBAL")


def test_module_target(world, module, tmp_path):
    """For a module: its own symbols, exported or not, by livepatch names
    counted in its symbol table's order; vmlinux's as for vmlinux."""
    d, vmlinux, symvers, _, _ = world
    ko, patched, orig = module
    ext = tmp_path / "ext.o"
    check_run([EXTRACTOR, "-o", ext, "--functions", "mod_fn", patched])
    out, glue = tmp_path / "out.o", tmp_path / "glue"
    r = klp("resolve", "-o", out, "--orig", orig, "--vmlinux", vmlinux, "--symvers", symvers,
            "--object", "mymod", "--object-elf", ko, "--patch", "mod_fn", "--glue", glue,
            "--alias-prefix", "__klp_7_", ext)
    assert r.returncode == 0, r.stderr
    pos = expected_module_pos(ko, "mod_helper", "only_in_mod2")
    assert pos == 2
    names = {n: (ndx, bind) for n, ndx, bind in symbols(out)}
    assert names[f".klp.sym.mymod.mod_helper,{pos}"] == ("SHN_UNDEF", "STB_GLOBAL")
    assert names[".klp.sym.mymod.mod_exported,0"] == ("SHN_UNDEF", "STB_GLOBAL")
    assert names[".klp.sym.vmlinux.hidden_global,0"] == ("SHN_UNDEF", "STB_GLOBAL")
    assert names["exported_fn"] == ("SHN_UNDEF", "STB_GLOBAL")
    assert "__klp_7_0" in names
    assert glue.read_text() == "func mymod mod_fn 0 __klp_7_0\n"


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
    r = resolve(world, resolved, extracted[1], "--patch", "patched_fn")
    assert r.returncode == 0, r.stderr
    glue = d / "glue.c"
    glue.write_text("extern char __klp_new_0[];\nvoid *new_func = __klp_new_0;\n")
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
        assert f".klp.sym.vmlinux.helper,{pos}" not in syms     # extracted
        for name in (".klp.sym.vmlinux.hidden_global,0",):
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
        assert sum(x[4] for x in after_relocs) >= 1
        # Sections of contents unchanged.
        for sec in a.iter_sections():
            if sec["sh_type"] in ("SHT_PROGBITS", "SHT_NOBITS", "SHT_NOTE"):
                other = b.get_section_by_name(sec.name)
                assert other.data() == sec.data() and other["sh_flags"] == sec["sh_flags"]
    assert "[0xff20]" in check_run(["readelf", "-sW", out]).stdout


def test_not_in_vmlinux(world, tmp_path):
    d, vmlinux, symvers, _, _ = world
    src = tmp_path / "dup.c"
    src.write_text("extern int nowhere;\nint patched_fn(void) { return nowhere; }\n")
    obj = compile_c(src, tmp_path / "dup.o", "-ffunction-sections")
    out = tmp_path / "out.o"
    r = klp("resolve", "-o", out, "--orig", obj, "--vmlinux", vmlinux, "--symvers", symvers,
            obj)
    assert r.returncode == 1
    assert f"{obj}: error: nowhere is neither exported" in r.stderr
    assert not out.exists()


def test_patch_not_in_vmlinux(world, tmp_path):
    """A function to patch that vmlinux lacks: refused, naming it."""
    d, vmlinux, symvers, _, orig = world
    src = tmp_path / "dup.c"
    src.write_text("int brand_new(void) { return 1; }\n")
    obj = compile_c(src, tmp_path / "dup.o", "-ffunction-sections")
    out = tmp_path / "out.o"
    r = klp("resolve", "-o", out, "--orig", orig, "--vmlinux", vmlinux, "--symvers", symvers,
            "--patch", "brand_new", obj)
    assert r.returncode == 1
    assert r.stderr == f"{obj}: cannot patch: brand_new: vmlinux has no such function\n"
    assert not out.exists()


def no_leftovers(out):
    assert not out.exists()
    assert [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")] == []


@pytest.mark.parametrize("which", ["in", "orig", "vmlinux", "object"])
def test_resolve_malformed(world, module, extracted, tmp_path, which):
    d, vmlinux, symvers, patched, orig = world
    paths = {"in": extracted[1], "orig": orig, "vmlinux": vmlinux, "object": module[0]}
    bad = tmp_path / "bad"
    bad.write_bytes(Path(paths[which]).read_bytes()[:100])
    paths[which] = bad
    out = tmp_path / "out.o"
    r = klp("resolve", "-o", out, "--orig", paths["orig"], "--vmlinux", paths["vmlinux"],
            "--symvers", symvers, "--object", "mymod", "--object-elf", paths["object"],
            paths["in"])
    assert r.returncode == 2
    assert r.stderr.startswith(f"{bad}: malformed ELF: ")
    no_leftovers(out)


def test_resolve_wrong_types(world, extracted, tmp_path):
    d, vmlinux, symvers, patched, orig = world
    out = tmp_path / "out.o"
    r = klp("resolve", "-o", out, "--orig", orig, "--vmlinux", patched,
            "--symvers", symvers, extracted[1])
    assert r.returncode == 2 and r.stderr.startswith(f"{patched}: not an executable")
    r = klp("resolve", "-o", out, "--orig", orig, "--vmlinux", vmlinux,
            "--symvers", tmp_path / "missing", extracted[1])
    assert r.returncode == 2 and r.stderr.startswith(f"{tmp_path / 'missing'}: cannot read")
    bad_symvers = tmp_path / "bad.symvers"
    bad_symvers.write_text("0x0 only two\n")
    r = klp("resolve", "-o", out, "--orig", orig, "--vmlinux", vmlinux,
            "--symvers", bad_symvers, extracted[1])
    assert r.returncode == 2 and r.stderr.startswith(f"{bad_symvers}: line 1: ")
    no_leftovers(out)


def test_output_is_input(world, extracted, linked):
    before = sha(extracted[1])
    r = resolve(world, extracted[1], extracted[1], "--patch", "patched_fn")
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


def test_convert_renames(tmp_path):
    """The glue's name for a livepatch symbol, renamed to it before the
    conversion; an exported name renamed stays an ordinary reference."""
    src = tmp_path / "glue.c"
    src.write_text("extern int poke(int) __asm__(\"__klp_bind_0\");\n"
                   "extern const int value[] __asm__(\"__klp_bind_1\");\n"
                   "int init(void) { return poke(value[0]); }\n")
    obj = compile_c(src, tmp_path / "glue.o")
    renames = tmp_path / "renames"
    renames.write_text("__klp_bind_0 .klp.sym.vmlinux.text_poke_copy,0\n"
                       "__klp_bind_1 USER_PTR_MAX\n")
    out = tmp_path / "out.ko"
    r = klp("convert", "-o", out, "--renames", renames, obj)
    assert r.returncode == 0, r.stderr
    with open(out, "rb") as f:
        e = ELFFile(f)
        syms = {s.name: s for s in e.get_section_by_name(".symtab").iter_symbols()}
        assert not any(n.startswith("__klp_bind_") for n in syms)
        assert syms[".klp.sym.vmlinux.text_poke_copy,0"]["st_shndx"] == SHN_LIVEPATCH
        assert syms["USER_PTR_MAX"]["st_shndx"] == "SHN_UNDEF"
        assert [s.name for s in e.iter_sections() if s.name.startswith(".klp.rela.")] == \
            [".klp.rela.vmlinux.text"]


@pytest.mark.parametrize("text,message", [("one\n", "line 1: not \"OLD NEW\""),
                                          ("a b\nx y z\n", "line 2: not \"OLD NEW\"")])
def test_convert_bad_renames(linked, tmp_path, text, message):
    renames = tmp_path / "renames"
    renames.write_text(text)
    out = tmp_path / "out.ko"
    r = klp("convert", "-o", out, "--renames", renames, linked)
    assert r.returncode == 2 and r.stderr == f"{renames}: {message}\n"
    no_leftovers(out)
    r = klp("convert", "-o", out, "--renames", tmp_path / "missing", linked)
    assert r.returncode == 2 and "missing: cannot read" in r.stderr


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
    (["convert", "-o", "y", "--vmlinux", "v", "x.ko"], "convert takes -o OUT, --renames FILE and IN.ko only"),
    (["resolve", "-o", "y", "x.o"], "resolve needs --orig, --vmlinux and --symvers"),
    (["resolve", "-o", "y", "--orig", "o", "--vmlinux", "v", "--symvers", "s", "--object", "m",
      "x.o"], "--object MODULE goes with --object-elf MODULE.ko"),
    (["resolve", "-o", "y", "--orig", "o", "--vmlinux", "v", "--symvers", "s", "--object",
      "a.b", "--object-elf", "k", "x.o"], "--object: 'a.b' is no module name"),
    (["resolve", "--bogus"], "unknown option '--bogus'"),
])
def test_usage(args, message):
    r = klp(*args)
    assert r.returncode == 2 and message in r.stderr
