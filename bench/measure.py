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



def shell(cmd):
    """cmd (a list) as one would type it; what results.md shows."""
    return " ".join(shlex.quote(str(c)) for c in cmd)


def timed(cmd, cwd=None, ok=(0,)):
    """Wall seconds of one run of cmd and its exit status: perf_counter
    around spawn and wait, nothing in between (/usr/bin/time's own fork
    and exec added 2 ms or more, which weighed on the fast tool's ratio,
    and its %e has 10 ms steps)."""
    start = time.perf_counter()
    rc = subprocess.run([str(c) for c in cmd], cwd=cwd,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - start
    if rc not in ok:
        raise RuntimeError("%s: exit status %d" % (shell(cmd), rc))
    return wall, rc


def peak_rss(cmd, cwd=None, ok=(0,)):
    """Peak RSS in KiB: /usr/bin/time -f %M, the child's ru_maxrss (for
    xargs: the largest of xargs and its children). A child spawned from
    Python would report Python's own RSS, inherited until its exec."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        full = ["/usr/bin/time", "-f", "%M", "-o", out.name] + \
            [str(c) for c in cmd]
        rc = subprocess.run(full, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL).returncode
        fields = out.read().split()
    if rc not in ok:
        raise RuntimeError("%s: exit status %d" % (shell(cmd), rc))
    return int(fields[-1])


class Stat:
    """Median, min and max of several runs of one command."""

    def __init__(self, cmd, walls, rss, rc):
        self.cmd, self.walls, self.rss, self.rc = cmd, walls, rss, rc
        self.median = statistics.median(walls)
        self.min, self.max = min(walls), max(walls)

    def spread(self):
        return "%.3f..%.3f" % (self.min, self.max)


def repeat(cmd, runs, cwd=None, ok=(0,), warmup=True):
    """Median of runs runs, after one run under /usr/bin/time that fills
    the page cache and gives the peak RSS."""
    rss = peak_rss(cmd, cwd, ok=ok)
    walls = []
    for _ in range(runs):
        wall, rc = timed(cmd, cwd, ok=ok)
        walls.append(wall)
    return Stat(cmd, walls, rss, rc)


def interleaved(cmds, runs, cwd=None, ok=(0,)):
    """Run several commands alternately, so that load drift hits all alike."""
    rss = [peak_rss(c, cwd, ok=ok) for c in cmds]
    walls = [[] for _ in cmds]
    for _ in range(runs):
        for i, c in enumerate(cmds):
            wall, rc = timed(c, cwd, ok=ok)
            walls[i].append(wall)
    return [Stat(c, w, r, None) for c, w, r in zip(cmds, walls, rss)]


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
