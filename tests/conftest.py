# SPDX-License-Identifier: GPL-2.0
"""Shared helpers: where things are, how to build a case, how to run the verifier."""
import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VERIFIER = Path(os.environ.get("VERIFIER", ROOT / "build" / "verify_special_syms"))
EXTRACTOR = Path(os.environ.get("EXTRACTOR", ROOT / "build" / "extract_special_syms"))
# <asm/special_syms.inc>, which .S files include, is asm/special_syms.inc.
INCLUDES = ["-I", str(ROOT / "include"), "-I", str(ROOT), "-I", str(ROOT / "asm" / "examples")]
# Freestanding and non-PIC, like the kernel: no libc or multilib needed for -m32.
CFLAGS = ["-O2", "-ffreestanding", "-fno-pic", "-fno-asynchronous-unwind-tables"]
OPTION_ON = ["-DCONFIG_SPECIAL_SECTION_SYMBOLS"]

# toolchain name -> (bits, how to build a .c or .S)
TOOLCHAINS = {
    "gas64": (64, "gas"), "gas32": (32, "gas"),
    "gcc64": (64, "gcc"), "gcc32": (32, "gcc"),
    "clang64": (64, "clang"), "clang32": (32, "clang"),
}


def run(cmd, **kw):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True,
                          timeout=kw.pop("timeout", 120), **kw)


def check_run(cmd, **kw):
    r = run(cmd, **kw)
    assert r.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{r.stdout}{r.stderr}"
    return r


def build(src, out, toolchain, defines=OPTION_ON, cwd=None):
    """Compile or assemble src for toolchain into out, for real (paths may
    be relative to cwd, which keeps __FILE__ the same across directories)."""
    bits, tool = TOOLCHAINS[toolchain]
    src, out = Path(src), Path(out)
    asm = src.suffix == ".S"
    flags = [f"-m{bits}", *defines, *INCLUDES]
    if asm:
        flags.append("-D__ASSEMBLY__")
    if tool == "gas":
        # gcc only preprocesses; GNU as assembles the result.
        pre = check_run(["gcc", "-E", "-P", *flags, src], cwd=cwd)
        check_run(["as", f"--{bits}", "-o", out, "-"], input=pre.stdout, cwd=cwd)
    else:
        cc = "clang" if tool == "clang" else "gcc"
        check_run([cc, *flags, *([] if asm else CFLAGS), "-c", "-o", out, src], cwd=cwd)
    return Path(cwd, out) if cwd else out


def verify(*args):
    assert VERIFIER.exists(), f"{VERIFIER} missing: run make first"
    return run([VERIFIER, *args])


def extract(out, functions, obj, *args):
    """extract_special_syms -o out --functions functions obj."""
    assert EXTRACTOR.exists(), f"{EXTRACTOR} missing: run make first"
    return run([EXTRACTOR, "-o", out, "--functions", functions, *args, obj])


SECTION_LINE = re.compile(r"^\s*\[\s*(\d+)\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)"
                          r"\s+[0-9a-f]+\s+([A-Z]*)\s", re.M)


def section_table(obj):
    """Section index -> (name, size, flags letters) from readelf, not from the verifier."""
    out = check_run(["readelf", "-SW", obj]).stdout
    return {int(m.group(1)): (m.group(2), int(m.group(3), 16), m.group(4))
            for m in SECTION_LINE.finditer(out)}


def sections(obj):
    """Section index -> (name, size) from readelf."""
    return {i: (name, size) for i, (name, size, _) in section_table(obj).items()}


# Tables whose entries are C variables (NOKPROBE_SYMBOL()'s _kbl_addr_NAME,
# STACK_FRAME_NON_STANDARD()'s pointer): their own symbols are the entries.
VARIABLE_ENTRIES = {"_kprobe_blacklist", ".discard.func_stack_frame_non_standard"}


def entry_symbols(obj):
    """Section name -> [(value, size, name)] of __ssym_ entry symbols, per readelf -sW:
    OBJECT, or in code sections (flag X) NOTYPE too; and the variables of the
    VARIABLE_ENTRIES tables."""
    secs = section_table(obj)
    found = {}
    for line in check_run(["readelf", "-sW", obj]).stdout.splitlines():
        f = line.split()
        if len(f) != 8 or not f[6].isdigit():
            continue
        name, _, flags = secs[int(f[6])]
        if not f[7].startswith("__ssym_") and name not in VARIABLE_ENTRIES:
            continue
        if f[3] == "OBJECT" or (f[3] == "NOTYPE" and "X" in flags):
            found.setdefault(name, []).append((int(f[1], 16), int(f[2], 0), f[7]))
    return found


@pytest.fixture(scope="session")
def verifier():
    assert VERIFIER.exists(), f"{VERIFIER} missing: run make first"
    return VERIFIER
