"""Measurement 2: every object of a kernel tree, one process vs one per file.

The kbuild gate (`make verify_special_syms`) checks vmlinux.o and every
built object; one invocation over all of them should take under a second.
xargs -n1 (one process per object) is the reference: it shows what the
per-process start-up costs and what one process saves.

Without an annotated tree the unpatched tree stands in (same files, but
every policy section is "not annotated", so the verifier takes its error
path); without any tree, a synthetic one of ~3,000 generated objects.
"""
import os
import shutil
import subprocess

import genobj
import measure
import single
import trees
from results import Section

SYNTHETIC_FILES = 3000


def synthetic_tree(ctx):
    """~3,000 small generated objects plus the vmlinux.o stand-in of step 1.

    30 distinct objects (1 to ~1,000 entries, geometric) copied 100 times
    each: the verifier reads every copy, the generator runs only 30 times.
    """
    tree = os.path.join(ctx.out, "synthetic-tree")
    marker = os.path.join(tree, ".complete")
    if os.path.exists(marker) and (os.path.getmtime(marker) >
                                   os.path.getmtime(genobj.__file__)):
        return tree
    shutil.rmtree(tree, ignore_errors=True)
    os.makedirs(tree)
    kinds = 30
    for k in range(kinds):
        src = genobj.cached(max(1, int(1000 ** (k / (kinds - 1)))),
                            os.path.join(ctx.out, "gen-small"))
        for copy in range(SYNTHETIC_FILES // kinds):
            d = os.path.join(tree, "d%02d" % copy)
            os.makedirs(d, exist_ok=True)
            shutil.copyfile(src, os.path.join(d, "o%02d.o" % k))
    shutil.copyfile(genobj.cached(single.DEFAULT_ENTRIES, ctx.out,
                                  functions=single.DEFAULT_SYMBOLS // 2,
                                  data=single.DEFAULT_SYMBOLS // 2,
                                  sites=single.DEFAULT_SITES),
                    os.path.join(tree, "vmlinux.o"))
    open(marker, "w").close()
    return tree


def pick_tree(ctx, sec):
    if ctx.annotated:
        return ctx.annotated, "annotated kernel tree"
    if ctx.base:
        sec.notes.append("no annotated kernel tree: using the unpatched tree "
                         "%s (every policy section fails 'not annotated'; "
                         "diagnostics go to /dev/null)" % ctx.base)
        return ctx.base, "unpatched kernel tree"
    sec.notes.append("no kernel tree: using a synthetic tree of %d generated "
                     "objects" % SYNTHETIC_FILES)
    return synthetic_tree(ctx), "synthetic tree"


def run(ctx):
    sec = Section("2. Whole tree: one invocation vs one process per object")
    tree, what = pick_tree(ctx, sec)
    objs = ["vmlinux.o"] + trees.objects(tree)
    listing = os.path.join(ctx.out, "tree-objects.list")
    with open(listing, "w") as f:
        f.write("".join(o + "\n" for o in objs))
    one = [ctx.verifier] + objs
    per = ["xargs", "-d", "\\n", "-n1", "-a", listing, ctx.verifier]
    # Status 1 (violations) from the verifier, 123 from xargs when any
    # invocation failed: the cost is what is measured either way.
    st_one = measure.repeat(one, ctx.runs, cwd=tree, ok=(0, 1, 2))
    st_per = measure.repeat(per, ctx.runs, cwd=tree, ok=(0, 123))
    p = subprocess.run(one, cwd=tree, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, errors="replace")
    diags = p.stderr.count("\n")

    sec.lines.append("tree: %s (%s), %d files (vmlinux.o + %d objects)"
                     % (tree, what, len(objs), len(objs) - 1))
    sec.lines.append("one invocation: exit status %d, %d diagnostic lines"
                     % (p.returncode, diags))
    sec.table(["how", "processes", "median s", "min..max s", "peak RSS MiB",
               "per file ms"])
    for name, st, procs in (("one invocation", st_one, 1),
                            ("xargs -n1", st_per, len(objs))):
        sec.row(name, procs, "%.3f" % st.median, st.spread(),
                "%.1f" % (st.rss / 1024), "%.3f" % (1000 * st.median / len(objs)))
    sec.lines.append("one invocation / xargs -n1: %.3f"
                     % (st_one.median / st_per.median))
    sec.commands += [
        "cd %s && find . -name '*.o' ! -path ./vmlinux.o | sort > LIST   "
        "# plus vmlinux.o first: %s" % (tree, listing),
        "cd %s && %s vmlinux.o $(cat LIST) 2>/dev/null   # x%d, median "
        "wall; peak RSS from /usr/bin/time -f %%M, once"
        % (tree, ctx.verifier, ctx.runs),
        "cd %s && %s   # x%d, median wall; peak RSS as above"
        % (tree, measure.shell(per), ctx.runs)]
    sec.goal("one invocation over the %s" % what, "%.3f s" % st_one.median,
             "< 1 s", st_one.median < 1.0)
    return sec
