#!/usr/bin/env python3
"""make bench: run every measurement, print the tables, write results.md.

run.py --verifier PATH [--runs N] [--quick] [--only 1,2,4,5a,5b,5c,6,7,prof]

The Makefile passes CC, DEMO_FLAGS and DEMO_SRCS through the environment
(BENCH_CC, BENCH_DEMO_FLAGS, BENCH_DEMO_SRCS) so the demo objects are built
exactly as `make demo` builds them. Ratios are only ever taken between
numbers measured in this same run. With --only, results.md keeps what it
has: the steps just run replace their own sections (or are added), each
noting when and where it ran.
"""
import argparse
import datetime
import os
import platform
import re
import shlex
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import buildtime  # noqa: E402
import cost  # noqa: E402
import extract  # noqa: E402
import kallsyms  # noqa: E402
import klpbuild  # noqa: E402
import hotspots  # noqa: E402
import scaling  # noqa: E402
import single  # noqa: E402
import trees  # noqa: E402
import wholetree  # noqa: E402
from results import Section, verdict  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STEPS = [("1", single), ("2", wholetree), ("4", scaling), ("5a", cost),
         ("5b", buildtime), ("5c", kallsyms), ("6", extract), ("7", klpbuild),
         ("prof", hotspots)]


class Context:
    pass


def first_line(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True).stdout
        return out.splitlines()[0] if out else "?"
    except OSError:
        return "missing"


def machine(ctx, started):
    """Where and when: the ratios mean little without it."""
    sec = Section("Machine")
    model = "?"
    mem = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = f.readline().split(":", 1)[1].strip()
    nproc = subprocess.run(["nproc"], capture_output=True,
                           text=True).stdout.strip()
    head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain",
                            "verify", "elf"], capture_output=True, text=True).stdout
    for k, v in [
            ("date", started.strftime("%Y-%m-%d %H:%M:%S %Z").strip()),
            ("cpu", "%s, nproc %s" % (model, nproc)), ("memory", mem),
            ("kernel", platform.release()),
            ("load average at start", ctx.load_start),
            ("verifier", "%s (repo %s%s)" % (ctx.verifier, head,
                                             ", verify/ or elf/ modified" if dirty
                                             else "")),
            ("runs per median", str(ctx.runs)),
            ("readelf", first_line(["readelf", "--version"])),
            ("nm", first_line(["nm", "--version"])),
            ("valgrind", first_line(["valgrind", "--version"])),
            ("cc", first_line(ctx.cc + ["--version"]))]:
        sec.lines.append("%-22s %s" % (k, v))
    sec.lines += ctx.tree_notes
    return sec


def merge(path, sections):
    """results.md with sections replacing the ones of the same title, or
    added at the end; everything else as it was."""
    with open(path) as f:
        parts = re.split(r"(?m)^(?=## )", f.read())
    for sec in sections:
        text = sec.markdown().replace(ROOT + "/", "") + "\n"
        title = text.splitlines()[0]
        for i, part in enumerate(parts):
            if part.splitlines()[:1] == [title]:
                parts[i] = text
                break
        else:
            if not parts[-1].endswith("\n\n"):
                parts[-1] += "\n"
            parts.append(text)
    with open(path, "w") as f:
        f.write("".join(parts).rstrip("\n") + "\n")


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verifier", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true",
                    help="fewer callgrind repeats, no 10^6 object")
    ap.add_argument("--only", help="comma-separated steps: "
                    + ",".join(k for k, _ in STEPS))
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "bench"))
    ap.add_argument("--results", default=os.path.join(ROOT, "bench",
                                                      "results.md"))
    a = ap.parse_args()

    ctx = Context()
    ctx.root = ROOT
    ctx.verifier = os.path.abspath(a.verifier)
    ctx.out = os.path.abspath(a.out)
    ctx.runs, ctx.quick = a.runs, a.quick
    ctx.cc = shlex.split(os.environ.get("BENCH_CC", "cc"))
    ctx.demo_flags = shlex.split(os.environ.get(
        "BENCH_DEMO_FLAGS", "-DCONFIG_SPECIAL_SECTION_SYMBOLS -Iinclude -O2 "
        "-ffreestanding -fno-pic -fno-asynchronous-unwind-tables"))
    ctx.demo_srcs = shlex.split(os.environ.get(
        "BENCH_DEMO_SRCS", "asm/examples/entries.S asm/examples/inline.c"))
    ctx.biggest = None
    os.makedirs(ctx.out, exist_ok=True)
    started = datetime.datetime.now().astimezone()
    ctx.load_start = load()
    ctx.base, ctx.annotated, ctx.tree_notes = trees.find()
    for tree in (ctx.base, ctx.annotated):
        n = tree and trees.newer_than_link(tree)
        if n:
            ctx.tree_notes.append(
                "WARNING: %d objects of %s are newer than its vmlinux.o "
                "(rebuilt after the link; if a build is running there, the "
                "numbers may mix two states)" % (n, tree))
    for n in ctx.tree_notes:
        print("bench: " + n, flush=True)

    only = set(a.only.split(",")) if a.only else None
    sections = []
    for key, mod in STEPS:
        if only and key not in only:
            continue
        if key == "prof" and not ctx.biggest:
            ctx.biggest = single.target(ctx, Section(""))[0]
        t0 = time.time()
        print("bench: step %s ..." % key, flush=True)
        sec = mod.run(ctx)
        sec.lines.append("(step took %.0f s)" % (time.time() - t0))
        print(sec.text() + "\n", flush=True)
        sections.append(sec)

    ctx.load_end = load()
    head = machine(ctx, started)
    head.lines.append("%-22s %s" % ("load average at end", ctx.load_end))
    summary = Section("Goals")
    summary.table(["goal", "value", "target", "met"])
    for sec in sections:
        for what, value, target, met in sec.goals:
            summary.row(what, value, target, verdict(met))
    print(head.text() + "\n\n" + summary.text())

    if only and os.path.exists(a.results):
        # A partial run: its own sections say when and where they ran.
        when = "measured %s, repo %s, load %s at start and %s at end, %d runs per median" % (
            started.strftime("%Y-%m-%d %H:%M:%S %Z").strip(),
            subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                           capture_output=True, text=True).stdout.strip(),
            ctx.load_start, ctx.load_end, ctx.runs)
        for sec in sections:
            sec.notes.insert(0, when)
        merge(a.results, sections)
        print("bench: updated %s (%s)" % (a.results, ", ".join(sorted(only))))
        return
    with open(a.results, "w") as f:
        f.write("# specsyms benchmark results\n\n"
                "Written by `make bench` (bench/run.py). Wall times are medians "
                "of %d runs, timed from spawn to wait, after one warm-up run "
                "under /usr/bin/time that gives the peak RSS; instruction "
                "counts are callgrind's. A kernel build may have been running "
                "alongside: see the load averages.\n\n" % ctx.runs)
        for sec in [head, summary] + sections:
            # Paths inside the repository are shown relative to it.
            f.write(sec.markdown().replace(ROOT + "/", "") + "\n")
    print("bench: wrote %s" % a.results)


if __name__ == "__main__":
    main()
