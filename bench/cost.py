"""Measurement 5a: what the entry symbols cost in the objects.

Each entry gains one symbol table entry (24 bytes in ELF64, 16 in ELF32)
and its name in .strtab; goal <= 40 bytes per entry. Measured as the
difference of symtab+strtab between option-on and option-off builds of the
same sources: the demo objects, a generated object, and, when both kernel
trees exist, vmlinux.o and every object the two trees have in common.
Also the file sizes of vmlinux.o and vmlinux and the loaded image bytes.
"""
import os
import subprocess

import genobj
import trees
from elfsizes import Elf
from results import Section

OPTION = "-DCONFIG_SPECIAL_SECTION_SYMBOLS"


def demo_commands(ctx, outdir, on):
    """(source, class, object, compile command) of each demo object, as
    the Makefile builds them; option-off just drops the -D."""
    flags = [f for f in ctx.demo_flags if on or f != OPTION]
    for src in ctx.demo_srcs:
        base = os.path.splitext(os.path.basename(src))[0]
        for m in ("64", "32"):
            obj = os.path.join(outdir, "%s-%s.o" % (base, m))
            asm = ["-D__ASSEMBLY__"] if src.endswith(".S") else []
            yield src, m, obj, ctx.cc + ["-m" + m] + asm + flags + \
                ["-c", "-o", obj, src]


def build_demo(ctx):
    """Build the demo objects option-on and option-off; [(name, on, off)]."""
    pairs = {}
    for on in (True, False):
        outdir = os.path.join(ctx.out, "demo-on" if on else "demo-off")
        os.makedirs(outdir, exist_ok=True)
        for src, m, obj, cmd in demo_commands(ctx, outdir, on):
            subprocess.run(cmd, check=True, cwd=ctx.root)
            pairs.setdefault(os.path.basename(obj), {})[on] = obj
    return [(k, v[True], v[False]) for k, v in sorted(pairs.items())]


def delta(on_path, off_path, alloc=None):
    """(entries, symtab delta, strtab delta) between two builds of a file;
    alloc, a dict, collects the SHF_ALLOC byte delta when it is not 0."""
    on, off = Elf(on_path), Elf(off_path)
    try:
        s1, t1 = on.symtab_bytes()
        s0, t0 = off.symtab_bytes()
        if alloc is not None and on.alloc_bytes() != off.alloc_bytes():
            alloc[on_path] = on.alloc_bytes() - off.alloc_bytes()
        return on.count_prefixed(), s1 - s0, t1 - t0
    finally:
        on.close()
        off.close()


def add_row(sec, name, entries, dsym, dstr):
    per = (dsym + dstr) / entries if entries else float("nan")
    sec.row(name, entries, dsym, dstr, "%.1f" % per)
    return per


def paired_objects(sec, base, annotated):
    """Sum of the deltas over the objects both trees built; names the
    objects whose loaded bytes differ (the annotation should change none
    but the code the series itself adds)."""
    common = sorted(set(trees.objects(base)) & set(trees.objects(annotated)))
    n = dsym = dstr = 0
    alloc = {}
    for rel in common:
        try:
            e, s, t = delta(os.path.join(annotated, rel),
                            os.path.join(base, rel), alloc)
        except (ValueError, OSError):
            continue        # not ELF (an empty .o), or gone meanwhile
        n, dsym, dstr = n + e, dsym + s, dstr + t
    sec.lines.append("objects whose SHF_ALLOC bytes differ: %s" % (
        ", ".join("%s %+d" % (os.path.relpath(p, annotated), d)
                  for p, d in sorted(alloc.items())) or "none"))
    return len(common), n, dsym, dstr


def file_sizes(sec, base, annotated):
    """vmlinux.o, vmlinux, bzImage: file bytes, and loaded bytes of vmlinux."""
    sec.lines.append("%-22s %14s %14s %12s" % ("file", "option off",
                                               "option on", "delta"))
    for rel in ("vmlinux.o", "vmlinux", "arch/x86/boot/bzImage"):
        a, b = os.path.join(base, rel), os.path.join(annotated, rel)
        if not (os.path.exists(a) and os.path.exists(b)):
            sec.lines.append("%-22s (missing in one tree)" % rel)
            continue
        x, y = os.path.getsize(a), os.path.getsize(b)
        sec.lines.append("%-22s %14d %14d %+12d" % (rel, x, y, y - x))
        if rel == "vmlinux":
            ea, eb = Elf(a), Elf(b)
            x, y = ea.alloc_bytes(), eb.alloc_bytes()
            sizes = {s["name"]: s["size"] for s in ea.sections
                     if s["flags"] & 2}
            moved = ["%s %+d" % (s["name"], s["size"] - sizes.get(s["name"], 0))
                     for s in eb.sections if s["flags"] & 2 and
                     s["size"] != sizes.get(s["name"], 0)]
            ea.close()
            eb.close()
            sec.lines.append("%-22s %14d %14d %+12d  %s" %
                             ("vmlinux SHF_ALLOC", x, y, y - x,
                              ", ".join(moved)))
    sec.commands.append("stat -c %s FILE; SHF_ALLOC: sum of the sizes of the "
                        "sections with flag A in readelf -SW vmlinux")


def run(ctx):
    sec = Section("5a. Annotation cost: symtab+strtab bytes per entry")
    sec.table(["objects (on vs off)", "entries", "symtab +B", "strtab +B",
               "B/entry"])
    worst = 0.0
    total = [0, 0, 0]
    for name, on, off in build_demo(ctx):
        n, s, t = delta(on, off)
        if n:
            worst = max(worst, add_row(sec, "demo " + name, n, s, t))
        total = [total[0] + n, total[1] + s, total[2] + t]
    add_row(sec, "demo, all objects", *total)
    sec.commands.append("%s -m64|-m32 [-D__ASSEMBLY__] %s -c -o "
                        "build/bench/demo-{on,off}/NAME-{64,32}.o SRC   "
                        "# off: without %s"
                        % (" ".join(ctx.cc), " ".join(ctx.demo_flags), OPTION))
    gen_on = genobj.cached(10000, ctx.out)
    gen_off = genobj.cached(10000, ctx.out, off=True)
    worst = max(worst, add_row(sec, "generated 10^4 (ELF64)",
                               *delta(gen_on, gen_off)))
    sec.commands.append("python3 bench/genobj.py [--off] 10000 OUT.o")

    if ctx.base and ctx.annotated:
        per = add_row(sec, "vmlinux.o", *delta(
            os.path.join(ctx.annotated, "vmlinux.o"),
            os.path.join(ctx.base, "vmlinux.o")))
        worst = max(worst, per)
        files, n, s, t = paired_objects(sec, ctx.base, ctx.annotated)
        worst = max(worst, add_row(sec, "%d objects in both trees" % files,
                                   n, s, t))
        file_sizes(sec, ctx.base, ctx.annotated)
    else:
        sec.notes.append("kernel rows need both trees (unpatched and "
                         "annotated); only the demo and generated objects "
                         "are compared")
    sec.commands.append("symtab/strtab: sh_size of SHT_SYMTAB and of its "
                        "sh_link section; entries: symbols named __ssym_* "
                        "(bench/elfsizes.py; readelf -SW / readelf -sW show "
                        "the same)")
    sec.goal("symtab+strtab per entry (worst row above)", "%.1f B" % worst,
             "<= 40 B", worst <= 40)
    return sec
