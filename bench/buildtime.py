"""Measurement 5b: compile time with and without the option (goal <= 1 %).

With both kernel trees: a smoke set of kernel objects heavy in special
sections, compiled again from the command kbuild saved in each tree's
.cmd file (output and dependency file redirected to a scratch directory,
ccache off), so nothing in the trees changes and no kernel build is
started. Without them: the demo objects. CPU time (user+sys of the
compiler) is compared, not wall time: it moves less with the background
build. The two sides are interleaved run by run so drift hits both alike.
"""
import os
import re
import statistics
import tempfile

import cost
import measure
from results import Section

# Used when kernel/gate (whose x86_64 smoke set expands every patched
# emitter) cannot be read.
SMOKE = ("arch/x86/kernel/alternative.o arch/x86/entry/entry_64.o "
         "arch/x86/lib/copy_user_64.o arch/x86/lib/usercopy_64.o "
         "kernel/sched/core.o mm/memory.o").split()

IR_OBJECTS = ("arch/x86/entry/entry_64.o", "arch/x86/kernel/traps.o")


def smoke_set(root):
    """BENCH_SMOKE, else the gate's smoke64 list, else SMOKE."""
    if os.environ.get("BENCH_SMOKE"):
        return os.environ["BENCH_SMOKE"].split(), "BENCH_SMOKE"
    try:
        with open(os.path.join(root, "kernel", "gate")) as f:
            m = re.search(r'^smoke64="([^"]*)"', f.read(), re.M)
        if m and m.group(1).split():
            return m.group(1).split(), "kernel/gate smoke64"
    except OSError:
        pass
    return SMOKE, "bench/buildtime.py"


def saved_command(tree, obj, scratch):
    """kbuild's compile command for obj, writing into scratch instead."""
    d, f = os.path.split(obj)
    try:
        with open(os.path.join(tree, d, "." + f + ".cmd")) as cmd:
            line = cmd.readline()
    except OSError:
        return None
    m = re.match(r"savedcmd_\S+ := (.*)", line)
    if not m:
        return None
    cmd = m.group(1).strip()
    cmd = re.sub(r"^ccache ", "", cmd)
    cmd = cmd.replace("-Wp,-MMD,%s/.%s.d" % (d, f) if d else
                      "-Wp,-MMD,.%s.d" % f,
                      "-Wp,-MMD,%s/dep.d" % scratch)
    cmd = cmd.replace(" -o %s " % obj, " -o %s/out.o " % scratch)
    if "%s/out.o" % scratch not in cmd:
        return None
    return cmd


def compare(sec, jobs_off, jobs_on, runs, cwd_off, cwd_on):
    """Interleaved runs of two job lists; median CPU seconds of each."""
    # kbuild compiles through ccache here; a cache hit would time nothing.
    os.environ["CCACHE_DISABLE"] = "1"
    cpu = {False: [], True: []}
    for _ in range(runs + 1):               # the first round warms caches
        for on, jobs, cwd in ((False, jobs_off, cwd_off),
                              (True, jobs_on, cwd_on)):
            cpu[on].append(sum(measure.cpu_seconds(j, cwd=cwd) for j in jobs))
    off = statistics.median(cpu[False][1:])
    on = statistics.median(cpu[True][1:])
    return off, on, cpu


def kernel_smoke(ctx, sec, scratch):
    smoke, origin = smoke_set(ctx.root)
    jobs = {False: [], True: []}
    used = []
    for obj in smoke:
        off = saved_command(ctx.base, obj, scratch)
        on = saved_command(ctx.annotated, obj, scratch)
        if off and on:
            jobs[False].append(off)
            jobs[True].append(on)
            used.append(obj)
    if not used:
        return None
    sec.lines.append("smoke set (%s, %d objects with a .cmd in both trees): %s"
                     % (origin, len(used), " ".join(used)))
    sec.commands.append("cd TREE && CCACHE_DISABLE=1 sh -c \"<savedcmd_OBJ of "
                        "TREE/DIR/.OBJ.cmd, without ccache, -o and -MMD "
                        "redirected to %s>\"   # TREE = %s (off), %s (on)"
                        % (scratch, ctx.base, ctx.annotated))
    got = compare(sec, jobs[False], jobs[True], ctx.runs,
                  ctx.base, ctx.annotated)
    # Instructions of a .S and a C object of the set only: cc1 runs ~50x
    # slower under callgrind, the whole set would take most of an hour.
    pick = [i for i, o in enumerate(used) if o in IR_OBJECTS] or [0]
    pick = pick[:1] if ctx.quick else pick
    irs = instructions([jobs[False][i] for i in pick],
                       [jobs[True][i] for i in pick], ctx.base, ctx.annotated)
    sec.lines.append("instructions: %s only"
                     % " ".join(used[i] for i in pick))
    return got, irs, "kernel smoke set"


def instructions(jobs_off, jobs_on, cwd_off, cwd_on):
    """Summed callgrind instructions of each side's compiles."""
    return (sum(measure.callgrind_tree(j, cwd_off) for j in jobs_off),
            sum(measure.callgrind_tree(j, cwd_on) for j in jobs_on))


def demo_compile(ctx, sec, scratch):
    jobs = {}
    for on in (False, True):
        jobs[on] = [measure.shell(cmd) for _, _, _, cmd in
                    cost.demo_commands(ctx, scratch, on)]
    # Each demo object compiles in a few tens of ms: repeat the set so a
    # run is long enough for CPU time's resolution.
    reps = 5
    sec.lines.append("demo objects, %d compiles per run per side"
                     % (reps * len(jobs[True])))
    sec.commands.append("CC -m64|-m32 ... -c -o %s/NAME.o SRC (as in 5a), "
                        "x%d per run" % (scratch, reps))
    got = compare(sec, jobs[False] * reps, jobs[True] * reps, ctx.runs,
                  ctx.root, ctx.root)
    irs = instructions(jobs[False], jobs[True], ctx.root, ctx.root)
    sec.lines.append("instructions: every demo compile once per side")
    return got, irs, "demo objects"


def run(ctx):
    sec = Section("5b. Build time with and without CONFIG_SPECIAL_SECTION_SYMBOLS")
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        got = None
        if ctx.base and ctx.annotated:
            got = kernel_smoke(ctx, sec, scratch)
        if not got:
            sec.notes.append("no pair of kernel trees with the smoke set's "
                             ".cmd files: timing the demo objects' compiles")
            got = demo_compile(ctx, sec, scratch)
    (off, on, cpu), irs, what = got
    sec.table(["side", "median CPU s", "runs (CPU s)", "callgrind Ir"])
    for side in (False, True):
        sec.row("option on" if side else "option off",
                "%.3f" % (on if side else off),
                " ".join("%.2f" % c for c in cpu[side][1:]),
                "{:,}".format(irs[side]))
    rel = 100 * (on - off) / off
    # How far apart two runs of the same side are: a CPU delta smaller
    # than this is noise, whatever its sign.
    noise = 100 * max((max(c[1:]) - min(c[1:])) / statistics.median(c[1:])
                      for c in cpu.values())
    ir_rel = 100 * (irs[True] - irs[False]) / irs[False]
    sec.lines.append("build time delta: %+.2f %% CPU (%s, medians of %d "
                     "interleaved runs; run-to-run spread %.1f %%)"
                     % (rel, what, ctx.runs, noise))
    sec.lines.append("build instructions delta: %+.3f %% (callgrind, "
                     "--trace-children=yes)" % ir_rel)
    # With runs this far apart the CPU delta decides nothing either way;
    # the instruction count below is then the number to judge by.
    sec.goal("build time delta, CPU (%s)" % what, "%+.2f %% (spread %.1f %%)"
             % (rel, noise), "<= 1 %", rel <= 1.0 if noise <= 5.0 else None)
    sec.goal("build time delta, instructions (%s)" % what, "%+.3f %%" % ir_rel,
             "<= 1 %", ir_rel <= 1.0)
    return sec
