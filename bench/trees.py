"""Finding the kernel build trees, if any.

`make kernel-gate` builds Linux 6.12 (x86_64 defconfig) under
$KERNEL_CACHE (default $HOME/.cache/specsyms): gate/base-x86_64 without
specsyms and gate/on-x86_64 with CONFIG_SPECIAL_SECTION_SYMBOLS=y. The
unpatched tree may also be a plain build in build-base/. The patched one is
recognised by what matters, not by its name: a vmlinux.o with __ssym_
symbols. BENCH_BASE_TREE / BENCH_TREE override the search.
"""
import glob
import os

from elfsizes import Elf

CACHE = os.environ.get("KERNEL_CACHE") or os.path.expanduser("~/.cache/specsyms")


def entry_symbols(vmlinux_o):
    try:
        e = Elf(vmlinux_o)
    except (OSError, ValueError):
        return 0
    try:
        return e.count_prefixed()
    finally:
        e.close()


def find():
    """(base tree or None, annotated tree or None, notes)."""
    notes = []
    bases = ([os.environ["BENCH_BASE_TREE"]] if os.environ.get("BENCH_BASE_TREE")
             else [os.path.join(CACHE, "gate", "base-x86_64"),
                   os.path.join(CACHE, "build-base")])
    base = next((b for b in bases
                 if os.path.isfile(os.path.join(b, "vmlinux.o"))), None)
    if not base:
        notes.append("no unpatched kernel tree (no vmlinux.o in %s)"
                     % " or ".join(bases))
    annotated = os.environ.get("BENCH_TREE")
    candidates = ([annotated] if annotated else
                  sorted(os.path.dirname(p) for p in
                         glob.glob(os.path.join(CACHE, "*", "vmlinux.o")) +
                         glob.glob(os.path.join(CACHE, "*", "*", "vmlinux.o"))))
    annotated = None
    for tree in candidates:
        n = entry_symbols(os.path.join(tree, "vmlinux.o"))
        if n:
            annotated = tree
            notes.append("annotated tree %s: %d __ssym_ symbols in vmlinux.o"
                         % (tree, n))
            break
    if not annotated:
        notes.append("no annotated kernel tree (no vmlinux.o with __ssym_ "
                     "symbols under %s)" % CACHE)
    return base, annotated, notes


def objects(tree):
    """What `find TREE -name '*.o'` lists, minus vmlinux.o (the caller
    puts it first), relative to tree so the command line stays short."""
    found = []
    for root, dirs, files in os.walk(tree):
        for f in files:
            if f.endswith(".o"):
                rel = os.path.relpath(os.path.join(root, f), tree)
                if rel != "vmlinux.o":
                    found.append(rel)
    return sorted(found)


def newer_than_link(tree):
    """Objects modified after vmlinux.o was linked: a build is (or was)
    running in the tree and its numbers may mix two states."""
    try:
        linked = os.path.getmtime(os.path.join(tree, "vmlinux.o"))
    except OSError:
        return 0
    n = 0
    for rel in objects(tree):
        try:
            n += os.path.getmtime(os.path.join(tree, rel)) > linked
        except OSError:
            n += 1              # vanished under us: being rebuilt
    return n
