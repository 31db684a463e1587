"""Measurement 5b: compile cost with and without the option (goal <= 1 %).

With both kernel trees: the gate's smoke set of kernel objects, compiled
again from the command kbuild saved in each tree's .cmd file (output and
dependency file redirected to a scratch directory, ccache off), so nothing
in the trees changes and no kernel build is started. Without them: the
demo objects.

Two numbers, because CPU time alone cannot resolve 1 % on a machine that
builds a kernel alongside:
 - CPU time (user+sys of the compiler processes) of the whole set, the two
   sides interleaved run by run; its run-to-run spread is printed, and the
   verdict is withheld when the spread is larger than the goal;
 - callgrind instructions of every process of a compile, per object. The
   cost is a fixed part per translation unit (the macro header) plus a part
   per entry, so small files show it most: the objects measured are the
   set's .S files and its smallest C files, and the whole-build figure
   weights the .S and C means by how many of each the tree built
   (pessimistic: small C files overstate the C share).
"""
import os
import re
import statistics
import tempfile

import cost
import measure
import trees
from results import Section

# Used when kernel/gate (whose x86_64 smoke set expands every patched
# emitter) cannot be read.
SMOKE = ("arch/x86/kernel/alternative.o arch/x86/entry/entry_64.o "
         "arch/x86/lib/copy_user_64.o arch/x86/lib/usercopy_64.o "
         "kernel/sched/core.o mm/memory.o").split()
SMALLEST_C = 2          # C objects measured under callgrind (1 with --quick)


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


def saved_line(tree, obj):
    d, f = os.path.split(obj)
    try:
        with open(os.path.join(tree, d, "." + f + ".cmd")) as cmd:
            m = re.match(r"savedcmd_\S+ := (.*)", cmd.readline())
    except OSError:
        return None
    return m.group(1).strip() if m else None


def saved_command(tree, obj, scratch):
    """kbuild's compile command for obj, writing into scratch instead."""
    cmd = saved_line(tree, obj)
    if not cmd:
        return None
    d, f = os.path.split(obj)
    cmd = re.sub(r"^ccache ", "", cmd)
    cmd = cmd.replace("-Wp,-MMD,%s/.%s.d" % (d, f) if d else
                      "-Wp,-MMD,.%s.d" % f,
                      "-Wp,-MMD,%s/dep.d" % scratch)
    cmd = cmd.replace(" -o %s " % obj, " -o %s/out.o " % scratch)
    return cmd if "%s/out.o" % scratch in cmd else None


def is_asm(cmd):
    return " -D__ASSEMBLY__ " in cmd + " "


def cpu_compare(jobs_off, jobs_on, runs, cwd_off, cwd_on):
    """Interleaved runs of the two job lists: CPU seconds per run."""
    # kbuild compiles through ccache here; a cache hit would time nothing.
    os.environ["CCACHE_DISABLE"] = "1"
    cpu = {False: [], True: []}
    for _ in range(runs + 1):               # the first round warms caches
        for on, jobs, cwd in ((False, jobs_off, cwd_off),
                              (True, jobs_on, cwd_on)):
            cpu[on].append(sum(measure.cpu_seconds(j, cwd=cwd) for j in jobs))
    return {k: v[1:] for k, v in cpu.items()}


def count_kinds(tree):
    """(.S objects, C objects) kbuild compiled in tree, from the .cmd files."""
    asm = c = 0
    for rel in trees.objects(tree):
        line = saved_line(tree, rel)
        if not line or " -c " not in line:
            continue            # linked, not compiled
        if is_asm(line):
            asm += 1
        else:
            c += 1
    return asm, c


def kernel_jobs(ctx, scratch):
    """[(object, off command, on command)] of the smoke set, and its origin."""
    smoke, origin = smoke_set(ctx.root)
    jobs = []
    for obj in smoke:
        off = saved_command(ctx.base, obj, scratch)
        on = saved_command(ctx.annotated, obj, scratch)
        # An object missing beside its .cmd is being rebuilt right now.
        built = all(os.path.exists(os.path.join(t, obj))
                    for t in (ctx.base, ctx.annotated))
        if off and on and built:
            jobs.append((obj, off, on))
    return jobs, origin


def ir_picks(ctx, jobs, tree):
    """The .S objects and the smallest C objects (by object size)."""
    def size(job):
        try:
            return os.path.getsize(os.path.join(tree, job[0]))
        except OSError:         # rebuilt under us: rank it last
            return float("inf")

    asm = [j for j in jobs if is_asm(j[1])]
    c = sorted((j for j in jobs if not is_asm(j[1])), key=size)
    if ctx.quick:
        return asm[:1] + c[:1]
    return asm + c[:SMALLEST_C]


def ir_table(sec, picks, cwd_off, cwd_on):
    """Instructions per object; returns {kind: (sum off, sum on, n)}."""
    sums = {}
    for obj, off, on in picks:
        a = measure.callgrind_tree(off, cwd_off)
        b = measure.callgrind_tree(on, cwd_on)
        kind = ".S" if is_asm(off) else "C"
        sec.row(obj, kind, "{:,}".format(a), "{:,}".format(b),
                "{:+,}".format(b - a), "%+.3f %%" % (100.0 * (b - a) / a))
        s = sums.setdefault(kind, [0, 0, 0])
        s[0], s[1], s[2] = s[0] + a, s[1] + b, s[2] + 1
    return sums


def whole_build(sec, sums, counts):
    """Delta of a whole build, weighting each kind's mean by its count."""
    total_off = total_on = 0.0
    for kind, n in zip((".S", "C"), counts):
        if kind not in sums or not n:
            continue
        off, on, k = sums[kind]
        total_off += n * off / k
        total_on += n * on / k
        sec.lines.append("%s objects measured: %+.3f %% (%d of them; the tree "
                         "built %d)" % (kind, 100 * (on - off) / off, k, n))
    return 100 * (total_on - total_off) / total_off


def run(ctx):
    sec = Section("5b. Build cost with and without CONFIG_SPECIAL_SECTION_SYMBOLS")
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        jobs = []
        if ctx.base and ctx.annotated:
            jobs, origin = kernel_jobs(ctx, scratch)
        if jobs:
            what = "kernel smoke set"
            cwd_off, cwd_on = ctx.base, ctx.annotated
            sec.lines.append("smoke set (%s, %d objects with a .cmd in both "
                             "trees): %s" % (origin, len(jobs),
                                             " ".join(j[0] for j in jobs)))
            sec.commands.append(
                "cd TREE && CCACHE_DISABLE=1 sh -c \"<savedcmd_ line of "
                "TREE/DIR/.OBJ.cmd, ccache dropped, -o and -Wp,-MMD "
                "redirected to a scratch dir>\"   # TREE = %s (off), %s (on)"
                % (ctx.base, ctx.annotated))
            counts = count_kinds(ctx.annotated)
            reps = 1
        else:
            sec.notes.append("no pair of kernel trees with the smoke set's "
                             ".cmd files: the demo objects' compiles instead")
            what = "demo objects"
            cwd_off = cwd_on = ctx.root
            jobs = [(os.path.basename(obj), measure.shell(off), measure.shell(on))
                    for (_, _, obj, off), (_, _, _, on) in zip(
                        cost.demo_commands(ctx, scratch, False),
                        cost.demo_commands(ctx, scratch, True))]
            sec.commands.append("%s ... -c -o %s/NAME.o SRC (the 5a commands), "
                                "5 times per run" % (" ".join(ctx.cc), scratch))
            counts = None
            # A demo compile takes tens of ms: repeat the set so one run is
            # long enough to time.
            reps = 5
        cpu = cpu_compare([j[1] for j in jobs] * reps,
                          [j[2] for j in jobs] * reps, ctx.runs, cwd_off, cwd_on)
        sec.table(["object", "kind", "off Ir", "on Ir", "delta Ir", "delta"])
        picks = ir_picks(ctx, jobs, ctx.base) if counts else jobs
        sums = ir_table(sec, picks, cwd_off, cwd_on)
        sec.commands.append("valgrind --tool=callgrind --trace-children=yes "
                            "sh -c '<the same command>'   # sum of 'Collected' "
                            "over the processes")

    off, on = (statistics.median(cpu[k]) for k in (False, True))
    rel = 100 * (on - off) / off
    noise = 100 * max((max(c) - min(c)) / statistics.median(c)
                      for c in cpu.values())
    for side in (False, True):
        sec.lines.append("CPU s, option %-3s: median %.3f, runs %s"
                         % ("on" if side else "off", on if side else off,
                            " ".join("%.2f" % c for c in cpu[side])))
    sec.lines.append("CPU time delta, whole %s: %+.2f %% (medians of %d "
                     "interleaved runs; run-to-run spread %.1f %%)"
                     % (what, rel, ctx.runs, noise))
    if counts:
        est = whole_build(sec, sums, counts)
        sec.lines.append("whole-build estimate: %+.3f %% instructions "
                         "(.S and C means weighted by %d .S and %d C objects)"
                         % ((est,) + counts))
        ir_what, ir_rel = "instructions, whole-build estimate", est
    else:
        a = sum(s[0] for s in sums.values())
        b = sum(s[1] for s in sums.values())
        ir_what, ir_rel = "instructions, all demo objects", 100 * (b - a) / a
        sec.lines.append("instructions delta, all demo objects: %+.3f %%"
                         % ir_rel)
    # A CPU delta inside the run-to-run spread decides nothing either way.
    sec.goal("build CPU time delta (%s)" % what, "%+.2f %% (spread %.1f %%)"
             % (rel, noise), "<= 1 %", rel <= 1.0 if noise <= 1.0 else None)
    sec.goal("build %s (%s)" % (ir_what, what), "%+.3f %%" % ir_rel, "<= 1 %",
             ir_rel <= 1.0)
    return sec
