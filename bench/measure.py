"""Running commands and measuring them: wall time, peak RSS, instructions.

A kernel build shares the machine most of the time, so wall times are
medians of several runs (with min and max kept to show the spread) and the
stable number is callgrind's instruction count.
"""
import os
import re
import resource
import shlex
import statistics
import subprocess
import tempfile
import time

TIME = "/usr/bin/time"


def shell(cmd):
    """cmd (a list) as one would type it; what results.md shows."""
    return " ".join(shlex.quote(str(c)) for c in cmd)


def once(cmd, cwd=None, stdout=subprocess.DEVNULL, ok=(0,)):
    """Run cmd under /usr/bin/time -f '%e %M'.

    Returns (wall seconds, peak RSS KiB, exit status). Wall comes from
    perf_counter around the run (time's %e has 10 ms steps, too coarse
    for a 20 ms verifier run); %M is time's own number, the child's
    ru_maxrss (for xargs: the largest of xargs and its children).
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        full = [TIME, "-f", "%e %M", "-o", out.name] + [str(c) for c in cmd]
        start = time.perf_counter()
        rc = subprocess.run(full, cwd=cwd, stdout=stdout,
                            stderr=subprocess.DEVNULL).returncode
        wall = time.perf_counter() - start
        fields = out.read().split()
    if rc not in ok:
        raise RuntimeError("%s: exit status %d" % (shell(cmd), rc))
    return wall, int(fields[-1]), rc


class Stat:
    """Median, min and max of several runs of one command."""

    def __init__(self, cmd, walls, rss, rc):
        self.cmd, self.walls, self.rss, self.rc = cmd, walls, rss, rc
        self.median = statistics.median(walls)
        self.min, self.max = min(walls), max(walls)

    def spread(self):
        return "%.3f..%.3f" % (self.min, self.max)


def repeat(cmd, runs, cwd=None, ok=(0,), warmup=True):
    """Median of runs runs, after one unmeasured run that fills the page cache."""
    if warmup:
        once(cmd, cwd, ok=ok)
    walls, rss = [], []
    for _ in range(runs):
        wall, kib, rc = once(cmd, cwd, ok=ok)
        walls.append(wall)
        rss.append(kib)
    return Stat(cmd, walls, max(rss), rc)


def interleaved(cmds, runs, cwd=None, ok=(0,)):
    """Run several commands alternately, so that load drift hits all alike."""
    for c in cmds:
        once(c, cwd, ok=ok)
    walls = [[] for _ in cmds]
    rss = [[] for _ in cmds]
    for _ in range(runs):
        for i, c in enumerate(cmds):
            wall, kib, rc = once(c, cwd, ok=ok)
            walls[i].append(wall)
            rss[i].append(kib)
    return [Stat(c, w, max(r), None) for c, w, r in zip(cmds, walls, rss)]


def callgrind(cmd, outdir, tag, cwd=None, ok=(0,)):
    """Instructions executed by cmd (callgrind's Ir total) and the out file."""
    out = os.path.join(outdir, "callgrind.%s.out" % tag)
    full = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
            "--"] + [str(c) for c in cmd]
    p = subprocess.run(full, cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode not in ok:
        raise RuntimeError("%s: exit status %d\n%s"
                           % (shell(full), p.returncode, p.stderr[-2000:]))
    m = re.search(r"Collected : (\d+)", p.stderr)
    return int(m.group(1)), out


def callgrind_tree(cmd, cwd=None):
    """Instructions of a shell command and every process it starts (the
    compiler driver, cc1, as): the sum of callgrind's per-process totals."""
    with tempfile.TemporaryDirectory(prefix="cg-") as d:
        full = ["valgrind", "--tool=callgrind", "--trace-children=yes",
                "--callgrind-out-file=%s/cg.%%p" % d, "sh", "-c", cmd]
        p = subprocess.run(full, cwd=cwd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
    if p.returncode:
        raise RuntimeError("%s: exit status %d\n%s"
                           % (shell(full), p.returncode, p.stderr[-2000:]))
    return sum(int(n) for n in re.findall(r"Collected : (\d+)", p.stderr))


def cpu_seconds(cmd, cwd=None):
    """User+system CPU seconds of cmd and its children (for compile jobs,
    where CPU time varies less with background load than wall time)."""
    # getrusage, not os.times: microseconds rather than 10 ms clock ticks.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, cwd=cwd, shell=isinstance(cmd, str), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ((after.ru_utime - before.ru_utime) +
            (after.ru_stime - before.ru_stime))
