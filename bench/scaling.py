"""Measurement 4: how the verifier scales with the number of entries.

Generated objects of 10^3..10^6 entries (ordinary symbols growing with
them). Instructions per entry, decade to decade, must grow no faster than
log n does, i.e. the whole run is O(n log n) or better: the qsorts are
n log n, everything else one pass.
"""
import math

import genobj
import measure
from results import Section


def run(ctx):
    sec = Section("4. Scaling: generated objects of 10^3 .. 10^6 entries")
    top = 5 if ctx.quick else 6
    if ctx.quick:
        sec.notes.append("--quick: 10^6 left out")
    sec.table(["entries", "object MB", "median s", "min..max s",
               "peak RSS MiB", "callgrind Ir", "Ir/entry",
               "Ir/entry growth", "n log n allows"])
    prev = None
    worst = 0.0
    for exp in range(3, top + 1):
        n = 10 ** exp
        path = genobj.cached(n, ctx.out)
        st = measure.repeat([ctx.verifier, path], ctx.runs)
        ir, _ = measure.callgrind([ctx.verifier, path], ctx.out,
                                  "scale-1e%d" % exp)
        per = ir / n
        if prev:
            growth = per / prev
            allows = math.log(n) / math.log(n / 10)
            worst = max(worst, growth / allows)
            g, a = "x%.3f" % growth, "x%.3f" % allows
        else:
            g = a = "-"
        prev = per
        with open(path, "rb") as f:
            size = f.seek(0, 2)
        sec.row("10^%d" % exp, "%.1f" % (size / 1e6), "%.4f" % st.median,
                st.spread(), "%.1f" % (st.rss / 1024), "{:,}".format(ir),
                "%.0f" % per, g, a)
        sec.commands.append("python3 bench/genobj.py %d %s   # once, cached"
                            % (n, path))
        sec.commands.append("%s %s   # x%d, median wall; peak RSS from "
                            "/usr/bin/time -f %%%%M, once; valgrind "
                            "--tool=callgrind, same command"
                            % (ctx.verifier, path, ctx.runs))
    sec.lines.append("'Ir/entry growth' is Ir/entry over the previous decade's; "
                     "O(n log n) allows log(n)/log(n/10), O(n) allows x1.000")
    sec.goal("growth O(n log n) or better",
             "worst decade at %.2f of the n log n allowance" % worst,
             "<= 1.00", worst <= 1.0)
    return sec
