#!/usr/bin/env python3
"""make bench-klp: kernel/klp-build side by side with kpatch-build.

sidebyside.py [--runs N] [--cold N] [--suite all|timed]
              [--only-timing | --only-suite] [--results FILE]

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
   ratios, measured in this same run. --cold N: cold for the first N
   patches only, the rest warm on the last cold run's cache.
2. What each accepts: kernel/klp-test on the suite kernel/klp-tests with
   each builder, each module loaded under qemu into its own kernel with the
   same -LOADED.test scripts; --suite timed: the timed patches only.
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
    """kpatch-build's own words on the annotated tree's configuration, then
    on the same with debug info, to reach its next check."""
    def probe(config):
        r = sh([kb, "-s", SRC, "-c", config, "-v", os.path.join(running, "vmlinux"),
                "-n", "klpt_probe", os.path.join(SUITE, "version-warn.patch")],
               env=dict(os.environ, CACHEDIR=os.path.join(KP, "cachedir-probe")))
        msg = [l for l in (r.stdout + r.stderr).splitlines() if l.startswith("ERROR")]
        return msg[0] if msg else "exit %d" % r.returncode

    with open(os.path.join(ours, ".config")) as f:
        text = f.read()
    text = text.replace("# CONFIG_DEBUG_INFO is not set", "CONFIG_DEBUG_INFO=y")
    if "CONFIG_DEBUG_INFO=y" not in text:
        text += "CONFIG_DEBUG_INFO=y\n"
    cfg = os.path.join(KP, "ibt.config")
    with open(cfg, "w") as f:
        f.write(text)
    return [("the annotated tree's .config", probe(os.path.join(ours, ".config"))),
            ("the same with CONFIG_DEBUG_INFO=y", probe(cfg))]


def timing(sec, kb, running, ours, runs, cold_runs):
    os.makedirs(os.path.join(KP, "logs"), exist_ok=True)
    sec.table(["patch", "shows", "klp-build s", "peak RSS MiB", "kpatch cold s",
               "peak RSS MiB", "kpatch warm s", "peak RSS MiB", "cold / klp", "warm / klp"])
    worst = None
    ccache = None
    for i, (what, name) in enumerate(TIMED):
        patch = os.path.join(SUITE, name + ".patch")
        logs = os.path.join(KP, "logs", name)
        modes = ("cold", "warm") if i < cold_runs else ("warm",)
        if i < cold_runs:
            # A kernel's objects with debug info: several GiB per cache.
            if ccache:
                shutil.rmtree(ccache, ignore_errors=True)
            ccache = os.path.join(KP, "ccache-" + name)
            shutil.rmtree(ccache, ignore_errors=True)
        res = {}
        for mode in modes:
            subprocess.run(["make", "-s", "-C", SRC, "mrproper"], check=True,
                           stdout=subprocess.DEVNULL)
            out = os.path.join(KP, "out", "%s-%s.ko" % (name, mode))
            os.makedirs(os.path.dirname(out), exist_ok=True)
            cmd = [WRAPPER, "--tree", running, "-j", str(os.cpu_count()),
                   "-n", "klpt_" + name.replace("-", "_"), "-o", out, patch]
            res[mode] = timed_rss(cmd, kpatch_env(kb, ccache), "%s.kpatch-%s.log" % (logs, mode))
            print("bench-klp: %s kpatch-build %s: %.0f s, exit %d" %
                  (name, mode, res[mode][0], res[mode][2]), flush=True)
        ours_runs = []
        env = dict(os.environ, CCACHE_DISABLE="1")
        for k in range(runs):
            cmd = [os.path.join(ROOT, "kernel", "klp-build"), "--tree", ours,
                   "--work", os.path.join(KP, "klp-work", name), "-o",
                   os.path.join(KP, "out", name + "-klp.ko"), patch]
            ours_runs.append(timed_rss(cmd, env, "%s.klp-%d.log" % (logs, k)))
        klp = statistics.median(w for w, _, _ in ours_runs)
        klp_rss = max(r for _, r, _ in ours_runs)
        rc = {m: res[m][2] for m in res}
        cells = []
        for m in ("cold", "warm"):
            if m in res:
                cells += ["%.0f%s" % (res[m][0], "" if rc[m] == 0 else " (exit %d)" % rc[m]),
                          "%.0f" % (res[m][1] / 1024)]
            else:
                cells += ["-", "-"]
        sec.row(name + ".patch", what, "%.2f" % klp, "%.0f" % (klp_rss / 1024), *cells,
                *("%.0f" % (res[m][0] / klp) if m in res else "-" for m in ("cold", "warm")))
        print("bench-klp: %s klp-build: %.2f s (median of %d), %s" %
              (name, klp, runs, " | ".join(sec.rows[-1])), flush=True)
        if rc["warm"] == 0:
            ratio = res["warm"][0] / klp
            worst = ratio if worst is None else min(worst, ratio)
    if ccache:
        shutil.rmtree(ccache, ignore_errors=True)
    if cold_runs < len(TIMED):
        sec.notes.append("kpatch-build with ccache cold for the first %d patch(es) only: its cold "
                         "cost is its original build, the same whatever the patch; the later "
                         "patches run warm on the cache of the last cold run" % cold_runs)
    sec.commands.append("kpatch: make -C SRC mrproper; CCACHE_DIR=CACHE %s --tree %s -n NAME "
                        "-o OUT kernel/klp-tests/PATCH" % (WRAPPER, running))
    sec.commands.append("klp-build: CCACHE_DISABLE=1 kernel/klp-build --tree %s -o OUT "
                        "kernel/klp-tests/PATCH" % ours)
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


def timed_suite():
    """The timed patches alone, as a suite directory of their own: a
    kpatch-build run costs its original build, minutes per patch."""
    d = os.path.join(KP, "suite-timed")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for _, name in TIMED:
        for f in (name + ".patch", name + "-LOADED.test"):
            if os.path.exists(os.path.join(SUITE, f)):
                shutil.copy(os.path.join(SUITE, f), d)
    return d


def acceptance(sec, kb, running, ours, suite):
    work = os.path.join(KP, "suite")
    env = kpatch_env(kb, os.path.join(KP, "ccache-suite"))
    kp = sh([os.path.join(ROOT, "kernel", "klp-test"), "--tree", running, "--builder", WRAPPER,
             "--work", os.path.join(work, "kpatch"), suite], env=env)
    ko = sh([os.path.join(ROOT, "kernel", "klp-test"), "--tree", ours,
             "--work", os.path.join(work, "klp"), suite])
    with open(os.path.join(work, "kpatch.out"), "w") as f:
        f.write(kp.stdout + kp.stderr)
    with open(os.path.join(work, "klp.out"), "w") as f:
        f.write(ko.stdout + ko.stderr)
    a, b = suite_lines(ko.stdout), suite_lines(kp.stdout)
    rows = Section("What each accepts: %s, each module loaded into its own kernel"
                   % ("kernel/klp-tests" if suite == SUITE else "the timed patches of kernel/klp-tests"))
    rows.table(["patch", "kernel/klp-build", "kpatch-build"])
    for name in sorted(set(a) | set(b)):
        rows.row(name, "%s: %s" % a.get(name, ("-", "")), "%s: %s" % b.get(name, ("-", "")))
    rows.lines.append("klp-build: " + (ko.stdout.strip().splitlines() or ["?"])[-1])
    rows.lines.append("kpatch-build: " + (kp.stdout.strip().splitlines() or ["?"])[-1])
    rows.commands.append("kernel/klp-test --tree %s %s" % (ours, suite))
    rows.commands.append("kernel/klp-test --tree %s --builder %s %s" % (running, WRAPPER, suite))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cold", type=int, default=len(TIMED),
                    help="time kpatch-build with ccache cold for the first N patches only")
    ap.add_argument("--suite", choices=("all", "timed"), default="all",
                    help="the patches both builders are run on under qemu")
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
        timing(sec, kb, running, ours, a.runs, a.cold)
    if not a.only_timing:
        sections.append(acceptance(sec, kb, running, ours,
                                   SUITE if a.suite == "all" else timed_suite()))
    sec.lines.append("(bench-klp took %.0f s, load %s at end)" % (time.time() - t0, load()))
    for s in sections:
        print(s.text() + "\n", flush=True)
    merge(a.results, sections)
    print("bench-klp: updated %s" % a.results)


if __name__ == "__main__":
    main()
