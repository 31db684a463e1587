# SPDX-License-Identifier: GPL-2.0
"""The carriage table (extract/carriage.c) on objects built here: the
tables the kernel's boot code and loaders read come along with the code
they describe (lock prefixes, runtime constants, the kprobe blacklist,
objtool's exemptions, .tracedata, ftrace's __mcount_loc), the runtime
constants are listed for the glue to apply at load, what a livepatch may
leave behind is listed with -v and its reason, an invented table is
refused by name, and --rules names the row of each section that points
into code. Each outcome is read back with pyelftools."""
import pytest

from conftest import CFLAGS, EXTRACTOR, INCLUDES, OPTION_ON, ROOT, check_run, run
from extract_check import Obj

INLINE = ROOT / "asm" / "examples" / "inline.c"
BUILDS = [(cc, bits) for cc in ("gcc", "clang") for bits in (64, 32)]
# bucket() of asm/examples/inline.c: one entry in each of these.
BUCKET_TABLES = [".smp_locks", "runtime_ptr_table_base", "runtime_shift_table_shift",
                 ".tracedata", "_kprobe_blacklist", ".discard.func_stack_frame_non_standard"]


def compile_c(cc, bits, src, out, *extra):
    check_run([cc, f"-m{bits}", *OPTION_ON, *INCLUDES, *CFLAGS, "-ffunction-sections",
               *extra, "-c", "-o", out, src])
    return out


def entries_into(out, table, function):
    """How many relocations of OUT's table point into function's section."""
    o = Obj(out)
    sec = o.by_name[table]
    target = o.functions()[function].shndx
    return sum(1 for r in o.relocs.get(sec, []) if o.target(sec, r)[0] == target)


@pytest.mark.parametrize("cc,bits", BUILDS)
def test_tables_come_with_their_code(cc, bits, tmp_path):
    obj = compile_c(cc, bits, INLINE, tmp_path / "inline.o")
    out = tmp_path / "out.o"
    r = run([EXTRACTOR, "-v", "-o", out, "--functions", "bucket", obj])
    assert r.returncode == 0, r.stderr
    o = Obj(out)
    for table in BUCKET_TABLES:
        assert table in o.by_name, f"{table} was not carried"
    for table in (".smp_locks", "runtime_ptr_table_base", "runtime_shift_table_shift",
                  "_kprobe_blacklist", ".discard.func_stack_frame_non_standard"):
        assert entries_into(out, table, "bucket") == 1, table
    # .tracedata is pointed at by the code, and points at a file name.
    assert o.sections[o.by_name[".tracedata"]]["sh_size"] == (10 if bits == 64 else 6)
    assert f"{obj}: at load: runtime_ptr_table_base long table_base, " \
           "runtime_shift_table_shift byte table_shift" in r.stdout.splitlines()
    # Without -v nothing is listed: the lines are for --changed and -v.
    quiet = run([EXTRACTOR, "-o", tmp_path / "quiet.o", "--functions", "bucket", obj])
    assert quiet.returncode == 0 and quiet.stdout == ""


# clang 14 has no -mrecord-mcount: the kernel has objtool write __mcount_loc.
@pytest.mark.parametrize("cc,bits", [("gcc", 64), ("gcc", 32)])
def test_mcount_loc_cut_by_relocations(cc, bits, tmp_path):
    """ftrace's __mcount_loc is loaded and holds nothing but relocations:
    its row makes each one a unit, and the copied function's comes along."""
    src = tmp_path / "traced.c"
    src.write_text("int traced(int x) { return x * 3; }\n"
                   "int other(int x) { return traced(x) + 1; }\n")
    obj = compile_c(cc, bits, src, tmp_path / "traced.o", "-pg", "-mfentry", "-mrecord-mcount")
    assert "__mcount_loc" in Obj(obj).by_name
    out = tmp_path / "out.o"
    r = run([EXTRACTOR, "-o", out, "--functions", "traced", obj])
    assert r.returncode == 0, r.stderr
    o = Obj(out)
    sec = o.by_name["__mcount_loc"]
    assert o.sections[sec]["sh_size"] == bits // 8
    assert entries_into(out, "__mcount_loc", "traced") == 1


@pytest.mark.parametrize("cc,bits", BUILDS)
def test_loaded_pointer_array_is_no_table(cc, bits, tmp_path):
    """A loaded array of function pointers in a section no row names is a
    variable's, not a table of units: extracting a function it points
    into is refused, not done with the array dropped or carried."""
    src = tmp_path / "ops.c"
    src.write_text("int handler(int x) { return x + 2; }\n"
                   "int (*const handlers[])(int) __attribute__((used, section(\"my_ops\"))) = "
                   "{ handler };\n")
    obj = compile_c(cc, bits, src, tmp_path / "ops.o")
    out = tmp_path / "out.o"
    r = run([EXTRACTOR, "-o", out, "--functions", "handler", obj])
    assert r.returncode == 1
    assert r.stderr == (f"{obj}: cannot patch: handler: my_ops points into it and no rule "
                        "says whether a livepatch may carry it\n")
    assert not out.exists()


@pytest.mark.parametrize("cc,bits", BUILDS)
def test_verbose_names_each_drop(cc, bits, tmp_path):
    """-v lists a section a livepatch may leave behind, with its row's
    reason: a variable pointing at the function, and the unwind tables of
    user space."""
    src = tmp_path / "ops.c"
    src.write_text("int handler(int x) { return x + 2; }\n"
                   "int (*hook)(int) = handler;\n")
    obj = compile_c(cc, bits, src, tmp_path / "ops.o", "-fasynchronous-unwind-tables",
                    "-fdata-sections")
    r = run([EXTRACTOR, "-v", "-o", tmp_path / "out.o", "--functions", "handler", obj])
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert (f"{obj}: dropped: .data.hook: 1 reference into handler: variables: the running "
            "kernel's keep pointing at the original function, which livepatch redirects to "
            "the copy") in lines, r.stdout
    assert any(line.startswith(f"{obj}: dropped: .eh_frame: ") and "call frame information"
               in line for line in lines), r.stdout


# Linux 6.1's EXPORT_SYMBOL_GPL: a section per export, a PC-relative
# reference to the function; objtool's ORC table, which objtool makes
# again for the module, without the sh_entsize that ld -r drops.
EXPORT_AND_ORC = (
    "__attribute__((noinline)) int exported(int x) { return x + 2; }\n"
    "__asm__(\".section \\\"___ksymtab_gpl+exported\\\", \\\"a\\\"\\n\"\n"
    "        \"__ksymtab_exported: .long exported - .\\n\"\n"
    "        \".section .orc_unwind_ip, \\\"a\\\"\\n .long exported - .\\n .previous\");\n")


@pytest.mark.parametrize("cc,bits", BUILDS)
def test_old_exports_and_orc_dropped(cc, bits, tmp_path):
    """An export of Linux 6.1 belongs to the definition, and the ORC table
    is objtool's to make for the module: both are left behind, by their
    own rows, never refused as unknown tables."""
    src = tmp_path / "export.c"
    src.write_text(EXPORT_AND_ORC)
    obj = compile_c(cc, bits, src, tmp_path / "export.o")
    r = run([EXTRACTOR, "-v", "-o", tmp_path / "out.o", "--functions", "exported", obj])
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert (f"{obj}: dropped: ___ksymtab_gpl+exported: 1 reference into exported: an export "
            "belongs to the definition: the running kernel exports the original, which "
            "livepatch redirects") in lines, r.stdout
    assert any(line.startswith(f"{obj}: dropped: .orc_unwind_ip: 1 reference into exported: "
                               "objtool's table, here without the sh_entsize")
               for line in lines), r.stdout


@pytest.mark.parametrize("cc,bits", [("gcc", 64), ("clang", 32)])
def test_rules_list_every_section_into_code(cc, bits, tmp_path):
    """--rules: each section that points into code, with its row's
    decision and name."""
    obj = compile_c(cc, bits, INLINE, tmp_path / "inline.o")
    src = tmp_path / "invented.c"
    src.write_text('__attribute__((noinline)) void f(void) { __asm__ volatile("1: nop\\n .pushsection .invented, \\"a\\"\\n"'
                   '" .long 1b - .\\n .popsection"); }\n'
                   '__attribute__((noinline)) void g(void) { f(); __asm__ volatile(""); }\n')
    invented = compile_c(cc, bits, src, tmp_path / "invented.o")
    r = run([EXTRACTOR, "--rules", obj, invented])
    assert r.returncode == 0, r.stderr
    words = {tuple(line.split(": ")[1:3]) for line in r.stdout.splitlines()}
    for table in (".smp_locks", "_kprobe_blacklist", ".discard.func_stack_frame_non_standard",
                  "__ex_table", ".altinstructions"):
        assert (table, "carried") in words, r.stdout
    assert ("runtime_ptr_table_base", "carried, applied at load") in words
    assert (".text.g", "dropped") in words, r.stdout
    assert f"{invented}: .invented: refused: *: .invented points into it and no rule says " \
           "whether a livepatch may carry it" in r.stdout.splitlines()
    assert any(line.startswith(f"{obj}: .smp_locks: carried: units: ")
               for line in r.stdout.splitlines())
    # Nothing else is refused in the demo object.
    assert not any(line.startswith(f"{obj}: ") and ": refused: " in line
                   for line in r.stdout.splitlines())


def test_rules_need_files(tmp_path):
    r = run([EXTRACTOR, "--rules"])
    assert r.returncode == 2 and "--rules needs FILE" in r.stderr
    missing = tmp_path / "missing.o"
    r = run([EXTRACTOR, "--rules", missing])
    assert r.returncode == 2 and str(missing) in r.stderr
