"""Measurement 6: extract_special_syms against the verifier on one object.

A livepatch generator extracts a function or two from an object the build
has just verified; the extractor runs the verifier's rules itself first, so
the verifier on the same file is the yardstick. Goals: one function in at
most 2x the verifier's time, every function with entries in one invocation
in at most 10x; peak RSS and callgrind's instruction counts are shown for
all three (the instructions do not move with the machine's load). The
object is the largest
of the kernel's -ffunction-sections smoke objects
($KERNEL_CACHE/gate/fs-x86_64/smoke.list) when the gate has built them,
else a generated object with a section per function. The ratios are taken
between the three commands run interleaved in this same run.
"""
import json
import os
import subprocess
from collections import Counter

import genobj
import measure
from results import Section

CACHE = os.environ.get("KERNEL_CACHE") or os.path.expanduser("~/.cache/specsyms")
SMOKE_LIST = os.path.join(CACHE, "gate", "fs-x86_64", "smoke.list")
# A generated stand-in: sched/core.o-sized, one section per function.
GEN_ENTRIES, GEN_FUNCTIONS, GEN_SITES = 4000, 600, 2000


def target(ctx, sec):
    """The object to measure and what it is."""
    if os.path.exists(SMOKE_LIST):
        base = os.path.dirname(SMOKE_LIST)
        with open(SMOKE_LIST) as f:
            paths = [os.path.join(base, l.strip()) for l in f if l.strip()]
        paths = [p for p in paths if os.path.exists(p)]
        if paths:
            path = max(paths, key=os.path.getsize)
            return path, "largest -ffunction-sections smoke object (%s)" % \
                os.path.relpath(path, base)
    sec.notes.append("no %s: measuring a generated object with a section "
                     "per function instead" % SMOKE_LIST)
    path = genobj.cached(GEN_ENTRIES, ctx.out, functions=GEN_FUNCTIONS,
                         data=GEN_FUNCTIONS, sites=GEN_SITES,
                         function_sections=True)
    return path, "generated %d-entry object, %d functions" % (GEN_ENTRIES,
                                                             GEN_FUNCTIONS)


def functions_with_entries(verifier, path):
    """Entries per function, from the verifier's listing: the function a
    relocation names, or the function whose section it points into."""
    listing = json.loads(subprocess.run(
        [verifier, "--json", path], capture_output=True, text=True,
        check=True).stdout)
    in_section = {}
    funcs = set()
    for line in subprocess.run(["readelf", "-sW", path], capture_output=True,
                               text=True, check=True).stdout.splitlines():
        f = line.split()
        if len(f) == 8 and f[3] == "FUNC" and f[6].isdigit():
            funcs.add(f[7])
            in_section.setdefault(int(f[6]), []).append(f[7])
    names = {}
    for line in subprocess.run(["readelf", "-SW", path], capture_output=True,
                               text=True, check=True).stdout.splitlines():
        f = line.replace("[ ", "[").split()
        if f and f[0].startswith("[") and f[0].endswith("]") and f[0][1:-1].isdigit():
            names[f[1]] = int(f[0][1:-1])
    per_function = Counter()
    for s in listing["files"][0]["sections"]:
        for e in s["entries"]:
            hit = set()
            for r in e["relocs"]:
                t = r["target"]
                if t in funcs:
                    hit.add(t)
                else:
                    own = in_section.get(names.get(t), [])
                    hit.update(n for n in own if not n.startswith("__pfx_"))
            for n in {h.split(".cold")[0] for h in hit}:
                per_function[n] += 1
    return per_function


def run(ctx):
    sec = Section("6. extract_special_syms vs verify_special_syms on one object")
    extractor = os.path.join(os.path.dirname(ctx.verifier), "extract_special_syms")
    if not os.path.exists(extractor):
        sec.notes.append("no %s: run make first" % extractor)
        return sec
    path, what = target(ctx, sec)
    per_function = functions_with_entries(ctx.verifier, path)
    if not per_function:
        sec.notes.append("%s: no function has entries" % path)
        return sec
    one = max(sorted(per_function), key=per_function.get)
    names = ",".join(sorted(per_function))
    out = os.path.join(ctx.out, "extract-out.o")
    cmds = [("verify_special_syms", [ctx.verifier, path]),
            ("extract, one function", [extractor, "-o", out, "--functions", one, path]),
            ("extract, all %d functions with entries" % len(per_function),
             [extractor, "-o", out, "--functions", names, path])]
    stats = measure.interleaved([c for _, c in cmds], ctx.runs)
    # Instructions do not move with the load a kernel build puts beside us.
    irs = [measure.callgrind(c, ctx.out, "extract%d" % i)[0]
           for i, (_, c) in enumerate(cmds)]
    base = stats[0].median
    sec.table(["command", "median s", "min..max s", "peak RSS MiB", "vs verifier",
               "callgrind Ir", "Ir vs verifier"])
    for (label, _), st, ir in zip(cmds, stats, irs):
        sec.row(label, "%.4f" % st.median, st.spread(), "%.1f" % (st.rss / 1024.0),
                "%.2f" % (st.median / base), "{:,}".format(ir), "%.2f" % (ir / irs[0]))
    sec.lines.append("object: %s, %s, %d bytes" % (path, what, os.path.getsize(path)))
    sec.lines.append("one function: %s (%d entries); all: %d functions, %d entries"
                     % (one, per_function[one], len(per_function),
                        sum(per_function.values())))
    one_ratio, all_ratio = stats[1].median / base, stats[2].median / base
    sec.goal("extract one function / verify (wall)", "%.2f" % one_ratio,
             "<= 2", one_ratio <= 2)
    sec.goal("extract all functions with entries / verify (wall)",
             "%.2f" % all_ratio, "<= 10", all_ratio <= 10)
    for label, cmd in cmds:
        shown = cmd if len(" ".join(cmd)) < 300 else cmd[:4] + ["<%d names>" % len(per_function), cmd[-1]]
        sec.commands.append("%s: %s" % (label, measure.shell(shown)))
    return sec
