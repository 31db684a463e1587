"""Measurement 5c: kallsyms data in the final image (goal: 0 bytes more).

The kernel integration keeps __ssym_ symbols out of System.map and
kallsyms (patch 0008), so the kallsyms tables in vmlinux must not grow.
Compared two ways between the trees:
 - the .rodata of the last .tmp_vmlinuxN.kallsyms.o link-vmlinux.sh made
   (that object *is* the kallsyms data linked into vmlinux), and the
   number of lines of its .tmp_vmlinuxN.syms input;
 - kallsyms_num_syms read from vmlinux, and the span from the first
   kallsyms_* table to the last one's start (kallsyms_seqs_of_names, which
   grows with num_syms).
"""
import glob
import os

from elfsizes import Elf
from results import Section


def last_kallsyms_o(tree):
    found = sorted(glob.glob(os.path.join(tree, ".tmp_vmlinux*.kallsyms.o")))
    return found[-1] if found else None


def kallsyms_o_bytes(path):
    e = Elf(path)
    try:
        return sum(s["size"] for s in e.sections if s["flags"] & 2)
    finally:
        e.close()


def from_vmlinux(path):
    """(kallsyms_num_syms, span of the kallsyms_* tables) from vmlinux."""
    e = Elf(path)
    try:
        addrs = {}
        for name, value, _, _ in e.symbols():
            if name.startswith(b"kallsyms_"):
                addrs[name.decode()] = value
        if "kallsyms_num_syms" not in addrs:
            return None, None
        num = e.read_u32_at(addrs["kallsyms_num_syms"])
        return num, max(addrs.values()) - min(addrs.values())
    finally:
        e.close()


def run(ctx):
    sec = Section("5c. kallsyms data in vmlinux")
    if not (ctx.base and ctx.annotated):
        sec.notes.append("needs both kernel trees (unpatched and annotated): "
                         "not measured")
        sec.goal("kallsyms data delta", "-", "0 B", None)
        return sec
    sec.table(["quantity", "option off", "option on", "delta"])
    deltas = []
    ko = [last_kallsyms_o(t) for t in (ctx.base, ctx.annotated)]
    if all(ko):
        a, b = (kallsyms_o_bytes(p) for p in ko)
        sec.row("alloc bytes of " + os.path.basename(ko[1]), a, b, b - a)
        deltas.append(b - a)
        lines = []
        for p in ko:
            syms = p.replace(".kallsyms.o", ".syms")
            lines.append(sum(1 for _ in open(syms)) if os.path.exists(syms)
                         else None)
        if None not in lines:
            sec.row("lines of .tmp_vmlinuxN.syms", lines[0], lines[1],
                    lines[1] - lines[0])
        sec.commands.append("readelf -SW TREE/.tmp_vmlinuxN.kallsyms.o "
                            "(sum of flag-A sections; N the last pass); "
                            "wc -l TREE/.tmp_vmlinuxN.syms")
    else:
        sec.notes.append("no .tmp_vmlinux*.kallsyms.o in one tree")
    vm = [os.path.join(t, "vmlinux") for t in (ctx.base, ctx.annotated)]
    if all(os.path.exists(p) for p in vm):
        (n0, s0), (n1, s1) = (from_vmlinux(p) for p in vm)
        if n0 is not None and n1 is not None:
            sec.row("kallsyms_num_syms", n0, n1, n1 - n0)
            sec.row("kallsyms_* span (bytes)", s0, s1, s1 - s0)
            deltas.append(s1 - s0)
            sec.commands.append("nm vmlinux | grep ' kallsyms_'; the u32 at "
                                "kallsyms_num_syms (readelf -x .rodata)")
    if not deltas:
        sec.goal("kallsyms data delta", "-", "0 B", None)
        return sec
    worst = max(deltas, key=abs)
    sec.goal("kallsyms data delta", "%+d B" % worst, "0 B", worst == 0)
    return sec
