# SPDX-License-Identifier: GPL-2.0
"""Fault injection: take real, clean, annotated objects and break one entry
symbol at a time the ways a wrong macro, a lost label or a bad linker
script would. The verifier must report every single copy, with the rule
that fits the fault:

  removed    type -> STT_NOTYPE (STT_FUNC in code sections),
             or section -> SHN_UNDEF                      gap / not annotated
  grown      st_size + 1..4                                entry size / overlap / past end
  shrunk     st_size - 1..4                                entry size / gap / zero-size
  duplicated a second identical symbol (appended)          duplicate
  moved      st_value -4..+4                               gap
  global     STB_LOCAL -> STB_GLOBAL                       must be local
  weak       STB_LOCAL -> STB_WEAK                         must be local

Zero-size entries (an empty .altinstr_replacement) cover no byte, so
removing, duplicating or moving one changes nothing checkable: they only
get the faults that give them bytes. In code sections a zero-size
non-local STT_NOTYPE symbol is a label, so making an empty replacement's
symbol global or weak removes it as well. Those skips are counted too.

Sources: the examples built with gas/gcc/clang for -m64 and -m32, and a
sample of annotated kernel objects under $SPECSYMS_CACHE (default
~/.cache/specsyms) when a patched build is there. Counts per kind are
printed (pytest -s) and written to build/fault-injection.txt."""
import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, VERIFIER, build, run
from elf_edit import SHF_EXECINSTR, SHT_SYMTAB_SHNDX, STT_FUNC, STT_NOTYPE, STT_OBJECT, \
    SYM_SIZE, Elf

EXAMPLES = {
    "entries": ROOT / "asm" / "examples" / "entries.S",
    "inline": ROOT / "asm" / "examples" / "inline.c",
}
TOOLCHAINS = {".S": ["gas64", "gas32", "clang64", "clang32"],
              ".c": ["gcc64", "gcc32", "clang64", "clang32"]}
CACHE = Path(os.environ.get("SPECSYMS_CACHE", Path.home() / ".cache" / "specsyms"))
KERNEL_OBJECTS, KERNEL_ENTRIES_PER_OBJECT = 16, 24
BATCH = 300
SUMMARY = ROOT / "build" / "fault-injection.txt"

counts = {}     # source -> Counter of "kind injected" / "kind detected" / "skipped: why"


class Entry:
    def __init__(self, sym, section, offset, size, listed, entsize, code):
        self.sym, self.section, self.offset, self.size = sym, section, offset, size
        self.code = code
        self.kind, self.sec_size, self.entsize = listed["kind"], listed["size"], entsize
        self.n = len(listed["entries"])
        self.siblings = {(s["offset"], s["size"]) for s in listed["entries"]}

    @property
    def fixed(self):
        return self.kind in ("fixed", "entsize")


def listing(paths):
    """The verifier's --json view of clean objects: path -> {section: dict}."""
    r = run([VERIFIER, "--json", *paths], timeout=600)
    assert r.returncode >= 0, r.stderr
    doc = json.loads(r.stdout)
    return {f["file"]: (f["errors"], {s["name"]: s for s in f["sections"]})
            for f in doc["files"]}


def entries_of(e, sections):
    """Entry symbols found in the ELF itself, cross-checked with --json."""
    found = []
    for i in range(1, e.nsyms):
        shndx = e.sym(i, "st_shndx")
        if not 0 < shndx < 0xFF00:
            continue
        name = e.section_name(shndx)
        code = bool(e.shdr(shndx, "sh_flags") & SHF_EXECINSTR)
        if name not in sections or not (e.sym_type(i) == STT_OBJECT or
                                        (code and e.sym_type(i) == STT_NOTYPE)):
            continue
        found.append(Entry(i, name, e.sym(i, "st_value"), e.sym(i, "st_size"),
                           sections[name], e.shdr(shndx, "sh_entsize"), code))
    per_section = Counter(x.section for x in found)
    for name, s in sections.items():
        assert per_section[name] == len(s["entries"]), f"{name}: ELF and --json disagree"
    return found


def append_symbol(e, src):
    """Copy symbol src into a new last slot: the table moves to the end of
    the file (no spare slot needed; the verifier does not care where)."""
    def grow(sec, extra):
        off, size = e.shdr(sec, "sh_offset"), e.shdr(sec, "sh_size")
        table = e.data[off:off + size] + extra
        e.data += bytes(-len(e.data) % 8)
        e.shdr(sec, "sh_offset", len(e.data))
        e.shdr(sec, "sh_size", len(table))
        e.data += table

    ent = SYM_SIZE[e.bits]
    symtab = e.symtab
    old = e.sym_offset(src)
    sym_bytes = bytes(e.data[old:old + ent])
    for i in range(1, e.shnum):
        if e.shdr(i, "sh_type") == SHT_SYMTAB_SHNDX and e.shdr(i, "sh_link") == symtab:
            at = e.shdr(i, "sh_offset") + 4 * src
            grow(i, bytes(e.data[at:at + 4]))
    grow(symtab, sym_bytes)


def faults(x):
    """(label, edit, rule regex, exact location or None) for entry x;
    skipped faults as (label, None, why, None)."""
    mask = (1 << (64 if x.bits == 64 else 32)) - 1
    loc = f"{x.section}+{x.offset:#x}"
    others = x.n - 1

    def set_field(field, value):
        return lambda e: e.sym(x.sym, field, value)

    if x.size == 0:
        why = "zero-size entry covers no byte"
        for label in ("removed-type", "removed-undef", "duplicated", "moved"):
            yield label, None, why, None
    else:
        if others == 0 and x.kind == "entsize":
            why = "last entry of an sh_entsize section (unannotated is allowed there)"
            yield "removed-type", None, why, None
            yield "removed-undef", None, why, None
        else:
            rule, at = (r"gap: ", loc) if others else (r"not annotated: ", None)
            other = STT_FUNC if x.code else STT_NOTYPE
            yield ("removed-type",
                   lambda e: e.sym(x.sym, "st_info", (e.sym(x.sym, "st_info") & 0xF0) | other),
                   rule, at)
            yield "removed-undef", set_field("st_shndx", 0), rule, at
        yield "duplicated", lambda e: append_symbol(e, x.sym), r"duplicate: ", loc
        for d in (-4, -3, -2, -1, 1, 2, 3, 4):
            yield "moved", set_field("st_value", (x.offset + d) & mask), r"gap: ", None

    for d in (1, 2, 3, 4):
        grown = x.size + d
        if x.offset + grown > x.sec_size:
            rule = r"entry symbol \S+ \(0x[0-9a-f]+ bytes\) extends past the section end"
        elif (x.offset, grown) in x.siblings:   # an empty entry grown onto the next
            rule = r"duplicate: "
        elif x.fixed:
            rule = r"entry size: "
        else:
            rule = r"overlap: "
        yield "grown", set_field("st_size", grown), rule, None
        if d > x.size:
            continue
        small = x.size - d
        if x.fixed and small == 0:
            rule = r"zero-size entry symbol "
        elif x.fixed and (others or x.entsize):
            rule = r"entry size: "
        else:
            rule = r"gap: "
        yield "shrunk", set_field("st_size", small), rule, None

    for bind, word in ((1, "global"), (2, "weak")):
        if x.code and x.size == 0:
            yield word, None, "a zero-size non-local STT_NOTYPE symbol is a label", None
            continue
        yield (word,
               lambda e, bind=bind: e.sym(x.sym, "st_info",
                                          bind << 4 | (e.sym(x.sym, "st_info") & 0xF)),
               rf"entry symbol \S+ is {word}; entry symbols must be local", loc)


def inject(source, objects, workdir, entry_limit=None):
    """Mutate every (or a sample of every) entry of each clean object and
    check the verifier's report on each copy."""
    tally = counts.setdefault(source, Counter())
    listed = listing(objects)
    jobs, failures = [], []
    for obj in objects:
        errors, sections = listed.get(str(obj), (None, None))
        if errors != 0:
            tally["skipped objects: not clean"] += 1
            continue
        original = obj.read_bytes()
        base = Elf(original)
        entries = entries_of(base, sections)
        tally["objects"] += 1
        if entry_limit and len(entries) > entry_limit:
            step = len(entries) / entry_limit
            entries = [entries[int(k * step)] for k in range(entry_limit)]
        for x in entries:
            x.bits = base.bits
            for k, (label, edit, rule, at) in enumerate(faults(x)):
                if edit is None:
                    tally[f"skipped entries: {label} ({rule})"] += 1
                    continue
                e = Elf(original)
                edit(e)
                path = workdir / f"{obj.stem}-{len(jobs)}-{label}.o"
                path.write_bytes(e.bytes())
                jobs.append((path, label, x, rule, at))

    for start in range(0, len(jobs), BATCH):
        batch = jobs[start:start + BATCH]
        r = run([VERIFIER, *[j[0] for j in batch]], timeout=600)
        assert r.returncode == 1, f"exit {r.returncode}:\n{r.stderr[-3000:]}"
        lines = r.stderr.splitlines()
        for path, label, x, rule, at in batch:
            tally[f"{label} injected"] += 1
            prefix = f"{path}: "
            mine = [ln[len(prefix):] for ln in lines if ln.startswith(prefix)]
            where = re.escape(at) if at else re.escape(x.section) + r"\+0x[0-9a-f]+"
            if any(re.match(where + r": error: " + rule, ln) for ln in mine):
                tally[f"{label} detected"] += 1
            else:
                failures.append(f"{path.name}: {label} of symbol {x.sym} in {x.section} "
                                f"(+{x.offset:#x}, {x.size:#x} bytes): expected /{rule}/ at "
                                f"{at or x.section}, got:\n  " + "\n  ".join(mine or ["nothing"]))
    write_summary()
    assert jobs, "no faults injected"
    assert not failures, f"{len(failures)} of {len(jobs)} faults not reported as expected:\n" + \
        "\n".join(failures[:40])


def write_summary():
    out = []
    for source, tally in sorted(counts.items()):
        kinds = sorted({k.rsplit(" ", 1)[0] for k in tally if k.endswith(" injected")})
        total_i = sum(tally[f"{k} injected"] for k in kinds)
        total_d = sum(tally[f"{k} detected"] for k in kinds)
        out.append(f"fault injection, {source}: {total_d}/{total_i} detected "
                   f"in {tally['objects']} objects")
        for k in kinds:
            i, d = tally[f"{k} injected"], tally[f"{k} detected"]
            out.append(f"  {k:14} {d:6}/{i:<6} {100.0 * d / i:5.1f} %")
        for k in sorted(t for t in tally if t.startswith("skipped")):
            out.append(f"  {k}: {tally[k]}")
    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    SUMMARY.write_text("\n".join(out) + "\n")
    print("\n" + "\n".join(out))


def test_examples(tmp_path):
    built = []
    for stem, src in EXAMPLES.items():
        for toolchain in TOOLCHAINS[src.suffix]:
            built.append(build(src, tmp_path / f"{stem}_{toolchain}.o", toolchain))
    work = tmp_path / "faults"
    work.mkdir()
    inject("examples", built, work)


def kernel_candidates(limit=400):
    """A deterministic spread of kernel objects from the caches (no sources,
    nothing huge: every fault is a full copy)."""
    found = []
    for top, dirs, files in os.walk(CACHE):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("linux-source", ".git")))
        for f in files:
            p = Path(top, f)
            if f.endswith(".o") and p.is_file() and 0 < p.stat().st_size < 4 << 20:
                found.append(p)
    found.sort()
    step = max(1, len(found) // limit)
    return found[::step][:limit]


def test_kernel_objects(tmp_path):
    candidates = kernel_candidates()
    if not candidates:
        pytest.skip(f"no kernel objects under {CACHE}")
    # Snapshot first: a kernel build may be rewriting them right now.
    snap = tmp_path / "snapshot"
    snap.mkdir()
    copies = []
    for k, p in enumerate(candidates):
        c = snap / f"k{k}_{p.stem}.o"
        c.write_bytes(p.read_bytes())
        copies.append(c)
    listed = listing(copies)
    annotated = [c for c in copies if listed.get(str(c), (1, {}))[0] == 0
                 and any(s["entries"] for s in listed[str(c)][1].values())]
    if not annotated:
        pytest.skip(f"none of {len(copies)} kernel objects under {CACHE} is annotated and clean")
    step = max(1, len(annotated) // KERNEL_OBJECTS)
    work = tmp_path / "faults"
    work.mkdir()
    inject("kernel", annotated[::step][:KERNEL_OBJECTS], work, KERNEL_ENTRIES_PER_OBJECT)


# -- --deep: the references inside entries ----------------------------------------

DEEP_FAULTS = {
    # .rela.altinstructions relocation 1 is entry 0's repl_offset (+4).
    "replacement reference lost": (lambda e, r: e.reloc(r, 1, "r_offset", 8),
                                   "deep: no relocation for the replacement reference"),
    "replacement reference into .text": (lambda e, r: e.reloc(r, 1, "r_sym", 1),
                                         "deep: replacement reference points outside"),
    "two replacements at one start": (lambda e, r: append_symbol(e, 6),
                                      "deep: 2 .altinstr_replacement entries start at +0x0"),
}


@pytest.mark.parametrize("fault", DEEP_FAULTS)
@pytest.mark.parametrize("toolchain", ["gas64", "gas32"])
def test_deep_reference_faults(fault, toolchain, tmp_path):
    obj = build(EXAMPLES["entries"], tmp_path / "entries.o", toolchain)
    e = Elf(obj.read_bytes())
    relsec = e.find_section(name=".rela.altinstructions" if e.bits == 64
                            else ".rel.altinstructions")
    assert e.section_name(e.sym(6, "st_shndx")) == ".altinstr_replacement"
    assert e.sym(6, "st_value") == 0 and e.section_name(1) == ".text"
    edit, fragment = DEEP_FAULTS[fault]
    edit(e, relsec)
    broken = tmp_path / "broken.o"
    broken.write_bytes(e.bytes())
    assert run([VERIFIER, "--deep", obj]).returncode == 0
    r = run([VERIFIER, "--deep", broken])
    assert r.returncode == 1 and f"{broken}: .altinstructions+0x0: error: {fragment}" in r.stderr, \
        r.stderr
