#!/usr/bin/env python3
"""make bench-klp: kernel/klp-build side by side with kpatch-build.

sidebyside.py [--runs N] [--only-timing | --only-suite] [--results FILE]

kpatch-build is run as its users run it: kpatch-build -s SRC -c CONFIG
-v VMLINUX, its own original build of SRC included, through
bench/kpatch-build-as-klp-build, on Debian's 6.12 without the series,
configured as the annotated livepatch tree plus what kpatch-build requires
(debug info, no IBT; bench/kpatch-tree builds both the tool and that
kernel). kernel/klp-build runs on the annotated livepatch tree, already
built, ccache off: what it compiles per patch is the comparison.

1. Timing, interleaved per patch: kpatch-build with ccache cold (a new
   cache, the source tree cleaned: its original build is a full one), the
   same again with that cache warm, and klp-build (median of --runs, 3).
   Wall time and the peak RSS of the largest process of each, and the
   ratios, measured in this same run.
2. What each accepts: kernel/klp-test on the suite kernel/klp-tests with
   each builder, each module loaded under qemu into its own kernel with the
   same -LOADED.test scripts.
3. Why kpatch-build cannot run on the annotated tree as it is: its own
   messages, from its check of the configuration.

Everything goes to $KERNEL_CACHE/kpatch; the section is merged into
bench/results.md. Nothing of kpatch is part of the project.
"""
import argparse
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import measure  # noqa: E402
from results import Section  # noqa: E402
from run import merge, load  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.environ.get("KERNEL_CACHE") or os.path.expanduser("~/.cache/specsyms")
KP = os.path.join(CACHE, "kpatch")
SRC = os.path.join(KP, "src")
WRAPPER = os.path.join(ROOT, "bench", "kpatch-build-as-klp-build")
VARIANTS = os.path.join(ROOT, "bench", "kpatch-variants")
SUITE = os.path.join(ROOT, "kernel", "klp-tests")
# (what it shows, suite patch)
TIMED = [("one file", "version-warn"), ("a new function", "devices-new-function"),
         ("two files", "meminfo-sync-global"), ("a header", "fdinfo-header"),
         ("a loadable module", "nf-log-syslog-module"), ("callbacks, a syscall", "uname-helpers")]
SPEED_GOAL = 50.0


def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def timed_rss(cmd, env, log):
    """(wall seconds, peak RSS KiB, exit status) of one run, its output in log."""
    with open(log, "w") as out:
        start = time.perf_counter()
        r = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", log + ".rss"] + cmd,
                           stdout=out, stderr=subprocess.STDOUT, env=env)
        wall = time.perf_counter() - start
    with open(log + ".rss") as f:
        rss = int(f.read().split()[-1])
    return wall, rss, r.returncode


def prepare():
    """Our tree and kpatch's, built when missing: (kpatch_build, running, ours)."""
    for cmd in (["scripts/install-deps", "bench-klp"], ["make", "-s"]):
        r = subprocess.run(cmd, cwd=ROOT)
        if r.returncode:
            sys.exit("bench-klp: %s failed" % " ".join(cmd))
    for need in ("gawk",):
        if not shutil.which(need):
            sys.exit("bench-klp: kpatch-build needs %s (apt-get install %s)" % (need, need))
    if subprocess.run([os.path.join(ROOT, "kernel", "livepatch-tree")]).returncode:
        sys.exit("bench-klp: the annotated livepatch tree does not build")
    ours = sh([os.path.join(ROOT, "kernel", "livepatch-tree"), "--print"]).stdout.strip()
    if subprocess.run([os.path.join(ROOT, "bench", "kpatch-tree")]).returncode:
        sys.exit("bench-klp: kpatch-build or its kernel does not build (bench/kpatch-tree)")
    kb, running = sh([os.path.join(ROOT, "bench", "kpatch-tree"), "--print"]).stdout.split()
    return kb, running, ours


def fresh_src():
    """kpatch-build's source tree: the pristine one, never built."""
    pristine = os.path.join(CACHE, "linux-source-6.12")
    subprocess.run(["rsync", "-a", "--delete", pristine + "/", SRC + "/"], check=True)


def kpatch_env(kb, ccache):
    """kpatch-build's environment: with -s it sets up no ccache of its own
    (only for the distribution's source), so ccache comes the way a user
    enables it, first in PATH, with its cache in ccache."""
    env = dict(os.environ, KPATCH_BUILD=kb, KPATCH_SRC=SRC, KPATCH_VARIANTS=VARIANTS,
               CACHEDIR=os.path.join(KP, "cachedir"), CCACHE_DIR=ccache,
               PATH="/usr/lib/ccache:" + os.environ.get("PATH", ""))
    env.pop("CCACHE_DISABLE", None)
    return env


def config_refusals(kb, running, ours):
    """kpatch-build's own words on the annotated tree's configuration."""
    out = []
    for what, config in (("the annotated tree's .config", os.path.join(ours, ".config")),):
        r = sh([kb, "-s", SRC, "-c", config, "-v", os.path.join(running, "vmlinux"),
                "-n", "klpt_probe", os.path.join(SUITE, "version-warn.patch")],
               env=dict(os.environ, CACHEDIR=os.path.join(KP, "cachedir-probe")))
        msg = [l for l in (r.stdout + r.stderr).splitlines() if l.startswith("ERROR")]
        out.append((what, msg[0] if msg else "exit %d" % r.returncode))
    # The same with debug info, to reach the next check.
    cfg = os.path.join(KP, "ibt.config")
    with open(os.path.join(ours, ".config")) as f:
        text = f.read()
    text = text.replace("# CONFIG_DEBUG_INFO is not set", "CONFIG_DEBUG_INFO=y")
    if "CONFIG_DEBUG_INFO=y" not in text:
        text += "CONFIG_DEBUG_INFO=y\n"
    with open(cfg, "w") as f:
        f.write(text)
    r = sh([kb, "-s", SRC, "-c", cfg, "-v", os.path.join(running, "vmlinux"),
            "-n", "klpt_probe", os.path.join(SUITE, "version-warn.patch")],
           env=dict(os.environ, CACHEDIR=os.path.join(KP, "cachedir-probe")))
    msg = [l for l in (r.stdout + r.stderr).splitlines() if l.startswith("ERROR")]
    out.append(("the same with CONFIG_DEBUG_INFO=y", msg[0] if msg else "exit %d" % r.returncode))
    return out


def timing(sec, kb, running, ours, runs):
    os.makedirs(os.path.join(KP, "logs"), exist_ok=True)
    sec.table(["patch", "shows", "klp-build s", "peak RSS MiB", "kpatch cold s",
               "peak RSS MiB", "kpatch warm s", "peak RSS MiB", "cold / klp", "warm / klp"])
    worst = None
    for what, name in TIMED:
        patch = os.path.join(SUITE, name + ".patch")
        logs = os.path.join(KP, "logs", name)
        ccache = os.path.join(KP, "ccache-" + name)
        shutil.rmtree(ccache, ignore_errors=True)
        res = {}
        for mode in ("cold", "warm"):
            subprocess.run(["make", "-s", "-C", SRC, "mrproper"], check=True,
                           stdout=subprocess.DEVNULL)
            out = os.path.join(KP, "out", "%s-%s.ko" % (name, mode))
            os.makedirs(os.path.dirname(out), exist_ok=True)
            cmd = [WRAPPER, "--tree", running, "-j", str(os.cpu_count()),
                   "-n", "klpt_" + name.replace("-", "_"), "-o", out, patch]
            res[mode] = timed_rss(cmd, kpatch_env(kb, ccache), "%s.kpatch-%s.log" % (logs, mode))
            print("bench-klp: %s kpatch-build %s: %.0f s, exit %d" %
                  (name, mode, res[mode][0], res[mode][2]), flush=True)
        # A kernel's objects with debug info: several GiB per cache.
        shutil.rmtree(ccache, ignore_errors=True)
        ours_runs = []
        env = dict(os.environ, CCACHE_DISABLE="1")
        for k in range(runs):
            cmd = [os.path.join(ROOT, "kernel", "klp-build"), "--tree", ours,
                   "--work", os.path.join(KP, "klp-work", name), "-o",
                   os.path.join(KP, "out", name + "-klp.ko"), patch]
            ours_runs.append(timed_rss(cmd, env, "%s.klp-%d.log" % (logs, k)))
        klp = statistics.median(w for w, _, _ in ours_runs)
        klp_rss = max(r for _, r, _ in ours_runs)
        cold, warm = res["cold"], res["warm"]
        rc = {m: res[m][2] for m in res}
        sec.row(name + ".patch", what, "%.2f" % klp, "%.0f" % (klp_rss / 1024),
                "%.0f%s" % (cold[0], "" if rc["cold"] == 0 else " (exit %d)" % rc["cold"]),
                "%.0f" % (cold[1] / 1024),
                "%.0f%s" % (warm[0], "" if rc["warm"] == 0 else " (exit %d)" % rc["warm"]),
                "%.0f" % (warm[1] / 1024), "%.0f" % (cold[0] / klp), "%.0f" % (warm[0] / klp))
        if rc["warm"] == 0:
            ratio = warm[0] / klp
            worst = ratio if worst is None else min(worst, ratio)
        sec.commands.append(
            "kpatch: make -C SRC mrproper; CCACHE_DIR=<new, then the same> %s --tree %s -n NAME -o OUT %s"
            % (WRAPPER, running, patch))
        sec.commands.append("klp-build: CCACHE_DISABLE=1 kernel/klp-build --tree %s -o OUT %s"
                            % (ours, patch))
    if worst is not None:
        sec.goal("kpatch-build (ccache warm) / klp-build, the least of the patches kpatch-build builds",
                 "%.0f" % worst, ">= %.0f" % SPEED_GOAL, worst >= SPEED_GOAL)


def suite_lines(out):
    lines = {}
    for line in out.splitlines():
        m = re.match(r"(PASS|FAIL) (\S+?)(?:\.patch)?: (.*)", line)
        if m:
            lines[m.group(2)] = (m.group(1), m.group(3))
    return lines


def acceptance(sec, kb, running, ours):
    work = os.path.join(KP, "suite")
    env = kpatch_env(kb, os.path.join(KP, "ccache-suite"))
    kp = sh([os.path.join(ROOT, "kernel", "klp-test"), "--tree", running, "--builder", WRAPPER,
             "--work", os.path.join(work, "kpatch"), SUITE], env=env)
    ko = sh([os.path.join(ROOT, "kernel", "klp-test"), "--tree", ours,
             "--work", os.path.join(work, "klp"), SUITE])
    with open(os.path.join(work, "kpatch.out"), "w") as f:
        f.write(kp.stdout + kp.stderr)
    with open(os.path.join(work, "klp.out"), "w") as f:
        f.write(ko.stdout + ko.stderr)
    a, b = suite_lines(ko.stdout), suite_lines(kp.stdout)
    rows = Section("What each accepts: kernel/klp-tests, each module loaded into its own kernel")
    rows.table(["patch", "kernel/klp-build", "kpatch-build"])
    for name in sorted(set(a) | set(b)):
        rows.row(name, "%s: %s" % a.get(name, ("-", "")), "%s: %s" % b.get(name, ("-", "")))
    rows.lines.append("klp-build: " + (ko.stdout.strip().splitlines() or ["?"])[-1])
    rows.lines.append("kpatch-build: " + (kp.stdout.strip().splitlines() or ["?"])[-1])
    rows.commands.append("kernel/klp-test --tree %s kernel/klp-tests" % ours)
    rows.commands.append("kernel/klp-test --tree %s --builder %s kernel/klp-tests"
                         % (running, WRAPPER))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only-timing", action="store_true")
    ap.add_argument("--only-suite", action="store_true")
    ap.add_argument("--results", default=os.path.join(ROOT, "bench", "results.md"))
    a = ap.parse_args()
    started = datetime.datetime.now().astimezone()
    t0 = time.time()
    kb, running, ours = prepare()
    fresh_src()
    sec = Section("Side by side with kpatch-build (make bench-klp)")
    sec.notes.append("measured %s, load %s at start" %
                     (started.strftime("%Y-%m-%d %H:%M:%S %Z"), load()))
    for what, msg in config_refusals(kb, running, ours):
        sec.lines.append("kpatch-build on %s: %s" % (what, msg))
    sections = [sec]
    if not a.only_suite:
        timing(sec, kb, running, ours, a.runs)
    if not a.only_timing:
        sections.append(acceptance(sec, kb, running, ours))
    sec.lines.append("(bench-klp took %.0f s, load %s at end)" % (time.time() - t0, load()))
    for s in sections:
        print(s.text() + "\n", flush=True)
    merge(a.results, sections)
    print("bench-klp: updated %s" % a.results)


if __name__ == "__main__":
    main()
