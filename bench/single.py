"""Measurements 1 and 3: the verifier on vmlinux.o against readelf and nm.

A build gate runs the verifier over vmlinux.o; readelf -sW and nm are what
a developer would reach for to look at the same symbols, so they are the
yardstick (goal: verify/readelf <= 0.05). Wall time is a median of several
runs; callgrind's instruction count is the number that does not move with
the background load, so it is taken repeatedly to show it is stable.
"""
import os

import genobj
import measure
from elfsizes import Elf
from results import Section

# Shape of an x86_64 defconfig vmlinux.o (6.12, measured on the unpatched
# build), for the generated stand-in when no kernel tree is there to copy
# it from: entries, other symbols, relocations in objtool's sh_entsize
# tables (.call_sites, .orc_unwind_ip, ...).
DEFAULT_ENTRIES, DEFAULT_SYMBOLS, DEFAULT_SITES = 24373, 203674, 879464
POLICY = (".altinstructions", "__ex_table", "__bug_table", "__jump_table",
          ".discard.unwind_hints", ".altinstr_replacement", ".altinstr_aux")
FIXED_SIZES = {".altinstructions": 14, "__ex_table": 12, "__bug_table": 12,
               "__jump_table": 16, ".discard.unwind_hints": 12}


def shape_of(vmlinux_o):
    """(entries, ordinary symbols, sites) of an unannotated vmlinux.o:
    entries from the fixed-size sections' sizes (plus one replacement per
    alternative), symbols from its symbol table, sites from the relocations
    of the other sh_entsize sections the verifier checks."""
    e = Elf(vmlinux_o)
    try:
        entries = 0
        for name, size in FIXED_SIZES.items():
            s = e.section(name)
            if s:
                entries += s["size"] // size
        alt = e.section(".altinstructions")
        if alt:
            entries += alt["size"] // 14
        nsyms = e.symtab_bytes()[0] // (24 if e.is64 else 16)
        sites = 0
        for i, s in enumerate(e.sections):
            if (s["type"] == 1 and s["entsize"] and not s["flags"] & 0x30
                    and s["name"] not in POLICY):
                sites += sum(r["size"] // r["entsize"] for r in e.sections
                             if r["type"] in (4, 9) and r["info"] == i
                             and r["entsize"])
    finally:
        e.close()
    return entries, nsyms, sites


def target(ctx, sec):
    """The vmlinux.o to measure, or a generated object shaped like one."""
    if ctx.annotated:
        return os.path.join(ctx.annotated, "vmlinux.o"), "annotated vmlinux.o"
    if ctx.base:
        entries, nsyms, sites = shape_of(os.path.join(ctx.base, "vmlinux.o"))
        how = "shaped like %s/vmlinux.o" % ctx.base
    else:
        entries, nsyms, sites = DEFAULT_ENTRIES, DEFAULT_SYMBOLS, DEFAULT_SITES
        how = "shaped like the 6.12 defconfig vmlinux.o (recorded numbers)"
    path = genobj.cached(entries, ctx.out, functions=nsyms // 2,
                         data=nsyms // 2, sites=sites)
    sec.notes.append("no annotated kernel tree: measuring a generated object "
                     "instead (%d entries, %d other symbols, %d objtool-style "
                     "sites; %s)" % (entries, nsyms, sites, how))
    return path, "generated %d-entry object" % entries


def run(ctx):
    sec = Section("1+3. verify_special_syms vs readelf -sW and nm on one big object")
    path, what = target(ctx, sec)
    size = os.path.getsize(path)
    tools = [("verify_special_syms", [ctx.verifier, path]),
             ("readelf -sW", ["readelf", "-sW", path]),
             ("nm", ["nm", path])]
    stats = {}
    for name, cmd in tools:
        # The verifier's verdict does not change what it costs: a tree
        # with violations (status 1) is still measured, and said so below.
        stats[name] = measure.repeat(cmd, ctx.runs, ok=(0, 1))
        sec.commands.append("%s > /dev/null   # x%d, median wall; peak RSS "
                            "from /usr/bin/time -f %%M, once"
                            % (measure.shell(cmd), ctx.runs))
    ref = stats["readelf -sW"].median
    sec.lines.append("input: %s, %s (%.1f MB)" % (what, path, size / 1e6))
    sec.table(["tool", "median s", "min..max s", "peak RSS MiB",
               "vs readelf", "callgrind Ir (runs)"])

    # Callgrind: the verifier three times, readelf twice (it runs for
    # minutes under valgrind on vmlinux.o), to show the counts repeat.
    irs = {}
    reps = {"verify_special_syms": 1 if ctx.quick else 3,
            "readelf -sW": 1 if ctx.quick else 2}
    for name, cmd in tools:
        if name not in reps:
            continue
        irs[name] = [measure.callgrind(cmd, ctx.out, "single-%s-%d"
                                       % (name.split()[0], i), ok=(0, 1))[0]
                     for i in range(reps[name])]
        sec.commands.append("valgrind --tool=callgrind %s   # x%d, 'Collected'"
                            % (measure.shell(cmd), reps[name]))
    for name, _ in tools:
        st = stats[name]
        sec.row(name, "%.3f" % st.median, st.spread(), "%.1f" % (st.rss / 1024),
                "%.3f" % (st.median / ref),
                " / ".join("{:,}".format(i) for i in irs.get(name, [])) or "-")

    if stats["verify_special_syms"].rc:
        sec.notes.append("the verifier exits %d on this input (violations)"
                         % stats["verify_special_syms"].rc)
    wall = stats["verify_special_syms"].median / ref
    sec.lines.append("ratio verify/readelf: %.3f (wall, medians)" % wall)
    sec.lines.append("ratio verify/nm: %.3f (wall, medians)"
                     % (stats["verify_special_syms"].median / stats["nm"].median))
    ir = min(irs["verify_special_syms"]) / min(irs["readelf -sW"])
    sec.lines.append("ratio verify/readelf: %.3f (callgrind instructions)" % ir)
    for name, counts in irs.items():
        drift = (max(counts) - min(counts)) / min(counts)
        sec.lines.append("callgrind %s: %d runs, spread %.4f %%"
                         % (name, len(counts), 100 * drift))
    sec.goal("verify/readelf (wall, %s)" % what, "%.3f" % wall, "<= 0.05",
             wall <= 0.05)
    sec.goal("verify/readelf (instructions, %s)" % what, "%.3f" % ir,
             "<= 0.05", ir <= 0.05)
    ctx.biggest = path
    return sec
