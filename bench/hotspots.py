"""Profile: where the verifier spends its time on the biggest inputs.

perf record samples a run that checks the same file several times (one
run of vmlinux.o is too short for enough samples at perf's default rate);
where perf cannot sample, callgrind's per-function counts stand in.
Both are shown flat (self cost), top functions first.
"""
import os
import re
import subprocess

import genobj
import measure
from results import Section

TOP = 12
REPEAT = 10


def perf_top(ctx, path, tag):
    data = os.path.join(ctx.out, "perf.%s.data" % tag)
    rec = ["perf", "record", "-q", "-F", "20000", "-o", data, "--",
           ctx.verifier] + [path] * REPEAT
    p = subprocess.run(rec, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True)
    if p.returncode not in (0, 1) or "not supported" in p.stderr:
        return None, rec
    rep = subprocess.run(["perf", "report", "--stdio", "--no-children",
                          "--sort", "dso,symbol", "-i", data],
                         capture_output=True, text=True)
    rows = []
    for line in rep.stdout.splitlines():
        m = re.match(r"\s+([\d.]+)%\s+(\S+)\s+\[.\]\s+(\S+)", line)
        if m:
            rows.append((m.group(1) + " %", m.group(3).strip(), m.group(2)))
    return rows[:TOP] or None, rec


def callgrind_top(ctx, path, tag):
    _, out = measure.callgrind([ctx.verifier, path], ctx.out,
                               "profile-" + tag, ok=(0, 1))
    ann = subprocess.run(["callgrind_annotate", out], capture_output=True,
                         text=True).stdout
    rows = []
    for line in ann.splitlines():
        m = re.match(r"\s*([\d,]+) \(\s*([\d.]+)%\)\s+(\S+):(\S+)", line)
        if m and "PROGRAM TOTALS" not in line:
            rows.append((m.group(2) + " %", m.group(4),
                         os.path.basename(m.group(3))))
    return rows[:TOP], ["valgrind", "--tool=callgrind", ctx.verifier, path]


def run(ctx):
    sec = Section("Profile: top functions of the verifier")
    inputs = [("vmlinux", ctx.biggest)]
    if not ctx.quick:
        inputs.append(("gen1e6", genobj.cached(10 ** 6, ctx.out)))
    sec.table(["input", "self", "function", "where"])
    for tag, path in inputs:
        rows, cmd = perf_top(ctx, path, tag)
        how = "perf record (cpu-clock samples)"
        if not rows:
            rows, cmd = callgrind_top(ctx, path, tag)
            how = "callgrind (instructions)"
        if how.startswith("perf"):
            shown = measure.shell(cmd[:-REPEAT]) + " %s   # the file x%d" % (
                path, REPEAT)
            sec.commands.append(shown + "; perf report --stdio --no-children "
                                "--sort dso,symbol")
        else:
            sec.commands.append(measure.shell(cmd) + "; callgrind_annotate OUT")
        for share, func, where in rows:
            sec.row(os.path.basename(path), share, func, where)
    return sec
