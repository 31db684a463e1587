"""Measurement 7: kernel/klp-build, from a source patch to a .ko.

Each patch of the suite kernel/klp-tests and of bench/klp-patches (a
header that 25 objects include) on the built annotated livepatch tree,
ccache off: the wall time (median of three runs), its spread and the peak
RSS of the largest process. The yardstick, measured in the same run right
after each patch, is what any builder that compiles only what a patch
touches cannot avoid: the same objects compiled twice (original and
patched) with the tree's recorded commands, in parallel as klp-build does
(the compile.mk it wrote). Goals: a one-file patch in at most 15 s; what
klp-build adds to those compiles (the diff, the tools, the module's link)
at most 3 s for every patch, however many objects it compiles, so that a
header patch costs what its objects cost to compile. A patch the builder
refuses (NAME-FAIL.patch) is timed to its refusal.
"""
import glob
import os
import re
import subprocess

import measure
from results import Section

CACHE = os.environ.get("KERNEL_CACHE") or os.path.expanduser("~/.cache/specsyms")
TREE = os.environ.get("BENCH_KLP_TREE") or os.path.join(CACHE, "gate", "on-x86_64")
ONE_FILE_GOAL = 15.0
ADDED_GOAL = 3.0


def run(ctx):
    sec = Section("klp-build: from a patch to a module (step 7)")
    root = ctx.root
    builder = os.path.join(root, "kernel", "klp-build")
    patches = sorted(glob.glob(os.path.join(root, "kernel", "klp-tests", "*.patch"))) + \
        sorted(glob.glob(os.path.join(root, "bench", "klp-patches", "*.patch")))
    if not os.path.exists(os.path.join(TREE, "vmlinux")):
        sec.notes.append("no built livepatch tree at %s (make kernel-livepatch-tree): "
                         "nothing measured" % TREE)
        return sec
    env = dict(os.environ, CCACHE_DISABLE="1")
    os.environ["CCACHE_DISABLE"] = "1"
    runs = max(3, min(ctx.runs, 3)) if not ctx.quick else 1
    work = os.path.join(ctx.out, "klp-build")
    sec.table(["patch", "files", "objects", "wall s (median)", "spread", "peak RSS MiB",
               "compile floor s", "added s", "exit"])
    one_file, added = [], []
    for p in patches:
        name = os.path.basename(p)[:-len(".patch")]
        refused = name.endswith("-FAIL")
        out = os.path.join(work, name + ".ko")
        wdir = os.path.join(work, name)
        cmd = [builder, "--tree", TREE, "--work", wdir, "-o", out, p]
        ok = (1,) if refused else (0,)
        stat = measure.repeat(cmd, runs, ok=ok)
        files = len(set(re.findall(r"^\+\+\+ b/(\S+)", open(p).read(), re.M)))
        mk = os.path.join(wdir, "compile.mk")
        objects = 0
        floor = None
        if os.path.exists(os.path.join(wdir, "objects")):
            with open(os.path.join(wdir, "objects")) as f:
                objects = sum(1 for line in f if line.strip())
        if os.path.exists(mk) and objects:
            fwall, _ = measure.timed(["make", "-s", "-f", mk, "-j%d" % os.cpu_count()])
            floor = fwall
        extra = stat.median - floor if floor is not None else None
        sec.row(os.path.basename(p), files, objects, "%.2f" % stat.median, stat.spread(),
                "%.0f" % (stat.rss / 1024.0), "%.2f" % floor if floor is not None else "-",
                "%.2f" % extra if extra is not None else "-", "refused" if refused else "0")
        if files == 1 and objects == 1 and not refused:
            one_file.append(stat.median)
        if extra is not None and not refused:
            added.append((extra, objects, os.path.basename(p)))
        sec.commands.append("CCACHE_DISABLE=1 " + measure.shell(cmd))
    sec.commands.append("compile floor: make -s -f WORK/compile.mk -j%d (the objects "
                        "klp-build compiled, original and patched)" % os.cpu_count())
    if one_file:
        sec.goal("slowest one-file, one-object patch, ccache off", "%.2f s" % max(one_file),
                 "<= %.0f s" % ONE_FILE_GOAL, max(one_file) <= ONE_FILE_GOAL)
    if added:
        worst = max(added)
        most = max(added, key=lambda a: a[1])
        sec.goal("klp-build beyond its compiles, worst patch (%s, %d objects)" % (worst[2], worst[1]),
                 "%.2f s" % worst[0], "<= %.0f s" % ADDED_GOAL, worst[0] <= ADDED_GOAL)
        sec.lines.append("the patch with the most objects, %s: %d objects, %.2f s beyond "
                         "its compiles" % (most[2], most[1], most[0]))
    return sec
