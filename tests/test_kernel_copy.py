# SPDX-License-Identifier: GPL-2.0
"""The verifier as the kernel series ships it. kernel/mkseries's last patch
creates scripts/special_syms/ with verify/ and the part of elf/ the
verifier needs; built from those files alone, with the objects its kbuild
Makefile names and the kernel's host compiler flags, it must build without
a warning and answer as the verifier built here does. No kernel tree is
needed: only the patch's scripts/special_syms/ files are applied."""
import pytest

from conftest import ROOT, build, check_run, run, verify

# KBUILD_USERHOSTCFLAGS of Linux 6.12's Makefile, warnings made fatal.
HOSTCFLAGS = ["-Wall", "-Wmissing-prototypes", "-Wstrict-prototypes", "-O2",
              "-fomit-frame-pointer", "-std=gnu11", "-Werror"]
# The object list as kbuild computes it, $(src) being the directory.
OBJECTS_OF = """src := scripts/special_syms
include $(src)/Makefile
objects:
	@echo $(hostprogs-always-y): $(verify_special_syms-objs)
"""


@pytest.fixture(scope="module")
def kernel_verifier(tmp_path_factory):
    d = tmp_path_factory.mktemp("kernel-copy")
    series = d / "series"
    check_run([ROOT / "kernel" / "mkseries", series])
    patch = [p for p in series.glob("*.patch")
             if "Add-the-verify_special_syms-target" in p.name]
    assert len(patch) == 1, "the series has one verify_special_syms patch"
    tree = d / "tree"
    tree.mkdir()
    check_run(["git", "apply", "--include=scripts/special_syms/*", patch[0]], cwd=tree)
    (d / "objects.mk").write_text(OBJECTS_OF)
    prog, objects = check_run(["make", "-s", "-f", d / "objects.mk"],
                              cwd=tree).stdout.split(":")
    assert prog.strip() == "verify_special_syms"
    objects = objects.split()
    assert "verify/main.o" in objects and "elf/elf_view.o" in objects
    src = tree / "scripts" / "special_syms"
    out = d / "obj"
    for o in objects:
        (out / o).parent.mkdir(parents=True, exist_ok=True)
        r = check_run(["gcc", *HOSTCFLAGS, "-c", "-o", out / o, src / o.replace(".o", ".c")])
        assert r.stderr == "", r.stderr
    check_run(["gcc", "-o", d / "verify_special_syms", *[out / o for o in objects]])
    return d / "verify_special_syms"


def test_only_what_the_verifier_needs(kernel_verifier):
    src = kernel_verifier.parent / "tree" / "scripts" / "special_syms"
    shipped = {p.relative_to(src) for p in src.rglob("*.[ch]")}
    assert {str(p.parent) for p in shipped} == {"verify", "elf"}
    assert {p.name for p in shipped if str(p.parent) == "verify"} == \
        {p.name for p in (ROOT / "verify").glob("*.[ch]")}
    assert not {"elf_writer.c", "input.c", "grow.c", "options.c"} & \
        {p.name for p in shipped}


@pytest.mark.parametrize("args", [["-v", "--deep"], ["--json"],
                                  ["--list", "--referencing", "demo_copy,sum4"]])
def test_same_answers(kernel_verifier, args, tmp_path):
    objects = [build(ROOT / "asm" / "examples" / "inline.c", tmp_path / "inline.o", "gcc64"),
               build(ROOT / "tests" / "cases" / "gap.S", tmp_path / "gap.o", "gas32")]
    here = verify(*args, *objects)
    there = run([kernel_verifier, *args, *objects])
    assert here.returncode == 1
    assert (there.returncode, there.stdout, there.stderr) == \
        (here.returncode, here.stdout, here.stderr)

