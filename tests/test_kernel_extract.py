# SPDX-License-Identifier: GPL-2.0
"""The extractor on the kernel's smoke objects, built with
-ffunction-sections by the kernel gate into $KERNEL_CACHE/gate/fs-x86_64,
fs-llvm and fs-i386 (each lists its objects in smoke.list). Every function
with at least one entry is extracted on its own, and:

  * the output verifies with --deep (or, where the input itself fails
    --deep, fails it with nothing the input does not);
  * its entries per section are --referencing's selection for the function
    and its cold parts, except where the layout-free rule takes more: a
    replacement sharing its start with an empty one, a data entry
    describing code inside a taken code entry (counted per reason);
  * each entry's bytes and each relocation's target and addend are the
    input's, as pyelftools reads both (tests/extract_check.py).

Functions of assembler files share their sections (.S files have no
-ffunction-sections): the extractor must refuse them, and they are counted.
Per toolchain the counts are printed (pytest -s) and written to
build/extract-kernel.txt."""
import json
import os
import re
import subprocess
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from conftest import EXTRACTOR, ROOT, VERIFIER
from extract_check import (Mismatch, Obj, check_output, referencing_names,
                           selection_differences)

CACHE = Path(os.environ.get("KERNEL_CACHE") or Path.home() / ".cache" / "specsyms")
TOOLCHAINS = ["fs-x86_64", "fs-llvm", "fs-i386"]
SUMMARY = ROOT / "build" / "extract-kernel.txt"
CHUNK = 40          # functions per job: each job reads its input once
WORKERS = 2         # the machine is shared with kernel builds

reports = {}


def smoke_objects(toolchain):
    listing = CACHE / "gate" / toolchain / "smoke.list"
    if not listing.exists():
        pytest.skip(f"no {listing}: the kernel gate has not built the "
                    f"-ffunction-sections smoke objects for {toolchain}")
    paths = [listing.parent / l.strip() for l in listing.read_text().splitlines() if l.strip()]
    missing = [p for p in paths if not p.exists()]
    assert not missing, f"smoke.list names missing objects: {missing[:5]}"
    return paths


def tool(*args):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=120)


def deep_errors(r, path):
    """--deep's diagnostics, without the file name and the offsets."""
    return {re.sub(r"\+0x[0-9a-f]+", "", l.split(": error: ", 1)[1])
            for l in r.stderr.splitlines() if ": error: " in l}


def functions_with_entries(inp):
    """Functions some entry's relocation points into; cold parts count for
    the function they were split from."""
    found = set()
    funcs = {s.name for s in inp.symbols if s.type == "STT_FUNC" and s.shndx}
    for sec, off, size in inp.entries().values():
        for r in inp.relocs_in(sec, off, off + size):
            for d in inp.describe(sec, r):
                if d[0] == "name" and d[1] in funcs:
                    found.add(d[1].split(".cold")[0])
    return sorted(f for f in found if f in funcs)


def check_function(inp, path, deep_in, name, tmp):
    """One extraction; returns (outcome, per-section counts, explained
    differences, problems)."""
    out = Path(tmp) / "out.o"
    r = tool(EXTRACTOR, "-o", out, "--functions", name, path)
    if r.returncode == 1 and "build with -ffunction-sections" in r.stderr:
        return "shares its section", Counter(), Counter(), Counter(), []
    if r.returncode != 0:
        return ("failed", Counter(), Counter(), Counter(),
                [f"{name}: exit {r.returncode}: {r.stderr.strip()}"])
    problems = []
    deep = tool(VERIFIER, "--deep", out)
    if deep.returncode != 0 and not deep_errors(deep, out) <= deep_in:
        problems.append(f"{name}: --deep: {deep.stderr.strip()}")
    deep_as_input = int(deep.returncode != 0)
    o = Obj(out)
    sel = tool(VERIFIER, "--json", "--referencing", ",".join(referencing_names(inp, [name])),
               path)
    selected = [e["symbol"] for s in json.loads(sel.stdout)["files"][0]["sections"]
                for e in s["entries"]]
    try:
        stats = check_output(inp, o)
    except Mismatch as e:
        problems.append(f"{name}: {e}")
        stats = Counter()
    missing, explained, unexplained = selection_differences(inp, o, selected)
    problems += [f"{name}: missing {m}" for m in missing]
    problems += [f"{name}: unexplained {u}" for u in unexplained]
    counts = Counter(o.sections[sec].name for sec, _, _ in o.entries().values())
    if stats["table slices"]:
        counts["(sh_entsize table slices)"] += stats["table slices"]
    stats["failing --deep as the input does"] = deep_as_input
    return "extracted", counts, explained, Counter(stats), problems


def check_chunk(job):
    path, names = job
    inp = Obj(path)
    deep = tool(VERIFIER, "--deep", path)
    deep_in = deep_errors(deep, path)
    results = []
    with tempfile.TemporaryDirectory(prefix="extract-") as tmp:
        for name in names:
            results.append(check_function(inp, path, deep_in, name, tmp))
    return results


def jobs_for(paths):
    jobs = []
    for path in paths:
        names = functions_with_entries(Obj(path))
        jobs += [(path, names[k:k + CHUNK]) for k in range(0, len(names), CHUNK)]
    return jobs


def summary(toolchain, paths, outcomes, entries, explained, checked):
    lines = [f"== {toolchain}: {len(paths)} objects",
             f"functions with entries: {sum(outcomes.values())}"]
    lines += [f"  {k}: {v}" for k, v in sorted(outcomes.items())]
    lines.append(f"compared with the input: {checked['entries']} entries, "
                 f"{checked['function sections']} function sections, "
                 f"{checked['relocations']} relocations "
                 f"({checked['moved addends']} with an addend that moved); "
                 f"outputs failing --deep as their input does: "
                 f"{checked['failing --deep as the input does']}")
    lines.append("entries extracted per section (all extractions):")
    lines += [f"  {k}: {v}" for k, v in sorted(entries.items())]
    lines.append("more than --referencing, per reason:")
    lines += [f"  {k}: {v}" for k, v in sorted(explained.items())] or ["  none"]
    return "\n".join(lines)


@pytest.mark.parametrize("toolchain", TOOLCHAINS)
def test_kernel_extract(toolchain):
    assert EXTRACTOR.exists() and VERIFIER.exists(), "run make first"
    paths = smoke_objects(toolchain)
    jobs = jobs_for(paths)
    outcomes, entries, explained, checked, problems = Counter(), Counter(), Counter(), Counter(), []
    with ProcessPoolExecutor(WORKERS) as pool:
        for results in pool.map(check_chunk, jobs):
            for outcome, counts, why, stats, trouble in results:
                outcomes[outcome] += 1
                entries.update(counts)
                explained.update(why)
                checked.update(stats)
                problems += trouble
    reports[toolchain] = summary(toolchain, paths, outcomes, entries, explained, checked)
    print("\n" + reports[toolchain])
    SUMMARY.parent.mkdir(exist_ok=True)
    SUMMARY.write_text("\n\n".join(reports[t] for t in TOOLCHAINS if t in reports) + "\n")
    assert problems == [], "\n".join(problems[:20])
    assert outcomes["extracted"] > 0, "no function could be extracted"
