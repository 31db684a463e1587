#!/usr/bin/env python3
"""Generate a large annotated x86-64 object for the benchmarks.

genobj.py [--functions F] [--data D] [--sites S] [--off]
          [--function-sections] N OUT.o

Writes OUT.s and assembles it with `as --64` into OUT.o: N entries spread
over every policy section, laid out as the 6.12 kernel lays them out
(same entry sizes, same relocations: PC32 to code, PC64 for jump keys),
each covered by a local STT_OBJECT `__ssym_` symbol, plus F functions and
D data objects so that readelf and nm have an ordinary symbol table to
walk as well. --off leaves the entry symbols out (the option-off twin).
--sites adds S objtool-style 4-byte entries (.call_sites, .return_sites,
.orc_unwind_ip: sh_entsize 4, one PC32 relocation each, no entry symbols),
which the verifier checks as sh_entsize arrays; a vmlinux.o has far more
of these relocations than entry relocations. --function-sections puts each
function in a section of its own, as the extractor needs.

The symbols are written directly (label, .type, .size) rather than through
asm/special_syms.inc: the object is what matters here, and this keeps the
generator independent of the macros under test. The mix of sections is
fixed and deterministic, so the same arguments always give the same file.
"""
import argparse
import os
import struct
import subprocess
import sys

# Share of each entry kind per 100 entries, roughly the proportions of an
# x86_64 defconfig vmlinux.o. "alt" counts twice: an .altinstructions entry
# and its .altinstr_replacement entry.
MIX = [("alt", 22), ("ex", 10), ("bug", 24), ("jump", 14),
       ("hint", 6), ("aux", 2)]

NOP5 = ".byte 0x0f,0x1f,0x44,0x00,0x00"
SITE_SECTIONS = (".call_sites", ".return_sites", ".orc_unwind_ip")


class Writer:
    def __init__(self, out, annotate):
        self.out = out
        self.annotate = annotate
        self.n = 0          # entries written
        self.sym = 0        # counter behind the __ssym_ names

    def entry(self, section, flags, body, align=None):
        """One entry: body (lines) in section, covered by a symbol."""
        w = self.out.write
        w('\t.pushsection %s,"%s"\n' % (section, flags))
        if align:
            w("\t.balign %d\n" % align)
        name = "__ssym_%d" % self.sym
        self.sym += 1
        if self.annotate:
            w("%s:\n" % name)
        for line in body:
            w("\t%s\n" % line)
        if self.annotate:
            w("\t.type %s,@object\n\t.size %s,.-%s\n" % (name, name, name))
        w("\t.popsection\n")
        self.n += 1


def site(w, kind, k, fn):
    """Emit the code of one site of kind into .text, its entries elsewhere."""
    o = w.out.write
    lab = ".L%s%d" % (kind, k)
    if kind == "alt":
        o("%s:\t%s\n" % (lab, NOP5))
        # An empty replacement now and then, as ALTERNATIVE(..., "", ...).
        repl = [] if k % 7 == 0 else ["call %s" % fn]
        w.entry(".altinstr_replacement", "ax", ["%sr:" % lab] + repl)
        w.entry(".altinstructions", "a",
                [".long %s - ." % lab, ".long %sr - ." % lab,
                 ".long %d" % (k % 300), ".byte 5",
                 ".byte %d" % (0 if not repl else 5)])
    elif kind == "ex":
        o("%s:\tmovl (%%rdi),%%eax\n%sf:\txorl %%eax,%%eax\n" % (lab, lab))
        w.entry("__ex_table", "a", [".long %s - ." % lab,
                                    ".long %sf - ." % lab, ".long 3"],
                align=4)
    elif kind == "bug":
        o("%s:\tud2\n" % lab)
        w.entry("__bug_table", "aw", [".long %s - ." % lab,
                                      ".long .Lfile - .",
                                      ".word %d" % (k % 5000), ".word 0"])
    elif kind == "jump":
        o("%s:\t%s\n%st:\n" % (lab, NOP5, lab))
        w.entry("__jump_table", "aw",
                [".long %s - ." % lab, ".long %st - ." % lab,
                 ".quad key%d + 1 - ." % (k % 64)], align=8)
    elif kind == "hint":
        o("%s:\tpushq %%rbp\n" % lab)
        w.entry(".discard.unwind_hints", "a",
                [".long %s - ." % lab, ".short 8", ".byte 7", ".byte 1",
                 ".byte 0", ".balign 4"])
    elif kind == "aux":
        o("%s:\tjmp %sx\n%sx:\n" % (lab, lab, lab))
        w.entry(".altinstr_aux", "ax", ["testb $1, key%d(%%rip)" % (k % 64),
                                        "jnz %sx" % lab, "jmp %sx" % lab])


def generate(out, entries, functions, data, annotate, sites=0,
             function_sections=False):
    """Write the assembler source; return the number of entries."""
    o = out.write
    o("\t.text\n")
    kinds = [k for k, share in MIX for _ in range(share)]
    w = Writer(out, annotate)
    per_fn = max(1, entries // max(1, functions))
    k = fn = 0
    while w.n < entries or fn < functions:
        name = "fn%d" % fn
        if function_sections:
            o('\t.section .text.%s,"ax",@progbits\n' % name)
        o("\t.globl %s\n\t.type %s,@function\n%s:\n" % (name, name, name)
          if fn % 3 == 0 else "\t.type %s,@function\n%s:\n" % (name, name))
        for _ in range(per_fn):
            if w.n >= entries:
                break
            kind = kinds[k % len(kinds)]
            if kind == "alt" and w.n + 2 > entries:
                kind = "ex"     # keep the count exact
            site(w, kind, k, name)
            k += 1
        o("\tret\n\t.size %s,.-%s\n" % (name, name))
        fn += 1
    if sites and function_sections:
        o('\t.section .text.sites,"ax",@progbits\n')
    if sites:
        o("\t.type sites,@function\nsites:\n")
    for i in range(sites):
        sec = SITE_SECTIONS[i % len(SITE_SECTIONS)]
        o('.Ls%d:\tnop\n\t.pushsection %s,"a"\n\t.long .Ls%d - .\n'
          '\t.popsection\n' % (i, sec, i))
    if sites:
        o("\tret\n\t.size sites,.-sites\n")
    o('\t.section .rodata.str,"aMS",@progbits,1\n.Lfile:\t.asciz "gen.c"\n')
    o("\t.data\n\t.balign 8\n")
    for i in range(max(data, 64)):
        name = "key%d" % i if i < 64 else "obj%d" % i
        o("\t.type %s,@object\n\t.size %s,8\n%s:\t.quad %d\n"
          % (name, name, name, i))
    return w.n


def set_entsize(path, names, entsize):
    """Give sections names an sh_entsize, as objtool does; gas sets one only
    together with SHF_MERGE, which the verifier (rightly) leaves alone."""
    with open(path, "r+b") as f:
        d = bytearray(f.read())
        shoff, = struct.unpack_from("<Q", d, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", d, 0x3a)
        stroff, = struct.unpack_from("<Q", d, shoff + shstrndx * shentsize + 24)
        for i in range(shnum):
            at = shoff + i * shentsize
            name = stroff + struct.unpack_from("<I", d, at)[0]
            if d[name:d.index(b"\0", name)].decode() in names:
                struct.pack_into("<Q", d, at + 56, entsize)
        f.seek(0)
        f.write(d)


def cached(entries, outdir, off=False, functions=None, data=None, sites=0,
           function_sections=False):
    """Path of a generated object, generated unless an up-to-date one exists.

    At 10^6 entries `as` runs for most of a minute, so objects are kept
    in outdir keyed by their parameters and rebuilt when this file changes.
    """
    functions = entries // 2 if functions is None else functions
    data = entries // 2 if data is None else data
    name = "gen-%d-f%d-d%d%s%s%s.o" % (entries, functions, data,
                                       "-s%d" % sites if sites else "",
                                       "-off" if off else "",
                                       "-fs" if function_sections else "")
    out = os.path.join(outdir, name)
    if (os.path.exists(out) and
            os.path.getmtime(out) > os.path.getmtime(__file__)):
        return out
    os.makedirs(outdir, exist_ok=True)
    cmd = [sys.executable, __file__, str(entries), out,
           "--functions", str(functions), "--data", str(data),
           "--sites", str(sites)]
    subprocess.run(cmd + (["--off"] if off else []) +
                   (["--function-sections"] if function_sections else []),
                   check=True)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("entries", type=int)
    ap.add_argument("out")
    ap.add_argument("--functions", type=int, help="default: entries / 2")
    ap.add_argument("--data", type=int, help="default: entries / 2")
    ap.add_argument("--sites", type=int, default=0,
                    help="objtool-style sh_entsize sites (default 0)")
    ap.add_argument("--off", action="store_true",
                    help="no entry symbols (the option-off object)")
    ap.add_argument("--function-sections", action="store_true",
                    help="each function in a section of its own")
    a = ap.parse_args()
    functions = a.entries // 2 if a.functions is None else a.functions
    data = a.entries // 2 if a.data is None else a.data
    src = os.path.splitext(a.out)[0] + ".s"
    with open(src, "w") as f:
        n = generate(f, a.entries, functions, data, not a.off, a.sites,
                     a.function_sections)
    # Assemble beside the target and rename: an interrupted run must not
    # leave a truncated object that cached() would take for a good one.
    subprocess.run(["as", "--64", "-o", a.out + ".tmp", src], check=True)
    if a.sites:
        set_entsize(a.out + ".tmp", SITE_SECTIONS, 4)
    os.replace(a.out + ".tmp", a.out)
    os.unlink(src)      # ~100 MB at 10^6 entries; the .o is the product
    print("%s: %d entries, %d functions, %d data objects, %d sites"
          % (a.out, n, functions, max(data, 64), a.sites), file=sys.stderr)


if __name__ == "__main__":
    main()
