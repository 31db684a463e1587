# SPDX-License-Identifier: GPL-2.0
"""Out of memory, one allocation at a time: a preloaded malloc that fails
exactly the Nth allocation, for every N a run makes. Each run must end as
the normal run does, or with exit 2 and "FILE: out of memory" (or, while
the command line is read, a usage error) - never a crash or a wrong
verdict; the extractor's, never with a partial output. The sanitizer
builds bring their own malloc: skipped there."""
import subprocess

import pytest

from conftest import CFLAGS, EXTRACTOR, INCLUDES, OPTION_ON, ROOT, VERIFIER, build

SHIM = r"""
/*
 * Fail allocation number $FAIL_NTH (0-based), once, counting only those
 * made while main() runs: not the loader's, not gcov's at exit.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

typedef int (*main_fn)(int, char **, char **);
static main_fn real_main;
static long seen, nth = -1;
static int in_main;

static int fail(void)
{
	return in_main && seen++ == nth;
}

void *malloc(size_t n) { return fail() ? NULL : __libc_malloc(n); }
void *calloc(size_t a, size_t b) { return fail() ? NULL : __libc_calloc(a, b); }
void *realloc(void *p, size_t n) { return fail() ? NULL : __libc_realloc(p, n); }

static int wrap_main(int argc, char **argv, char **envp)
{
	const char *s = getenv("FAIL_NTH");
	int status;

	nth = s ? atol(s) : -1;
	in_main = 1;
	status = real_main(argc, argv, envp);
	in_main = 0;
	if (getenv("FAIL_COUNT"))
		fprintf(stderr, "allocations: %ld\n", seen);
	return status;
}

int __libc_start_main(main_fn main, int argc, char **argv, void (*init)(void),
		      void (*fini)(void), void (*rtld_fini)(void), void *stack_end)
{
	int (*real)(main_fn, int, char **, void (*)(void), void (*)(void),
		    void (*)(void), void *) = dlsym(RTLD_NEXT, "__libc_start_main");

	real_main = main;
	return real(wrap_main, argc, argv, init, fini, rtld_fini, stack_end);
}
"""
ARGS = [["--json", "--deep"], ["--list", "--referencing", "demo_copy,sum4,barriers"],
        ["-v", "--section", "__ex_table=12"]]


@pytest.fixture(scope="module")
def shim(tmp_path_factory):
    if b"__asan_init" in VERIFIER.read_bytes():
        pytest.skip("a sanitizer build replaces malloc itself")
    d = tmp_path_factory.mktemp("oom")
    (d / "failmalloc.c").write_text(SHIM)
    subprocess.run(["gcc", "-shared", "-fPIC", "-O1", "-o", d / "failmalloc.so",
                    d / "failmalloc.c"], check=True)
    return d / "failmalloc.so"


@pytest.mark.parametrize("args", ARGS, ids=lambda a: a[0].lstrip("-"))
@pytest.mark.parametrize("source,toolchain", [("entries.S", "gas64"), ("inline.c", "gcc32")])
def test_every_allocation_may_fail(shim, args, source, toolchain, tmp_path):
    obj = build(ROOT / "asm" / "examples" / source, tmp_path / "x.o", toolchain)
    cmd = [str(VERIFIER), *args, str(obj)]
    env = {"LD_PRELOAD": str(shim), "FAIL_COUNT": "1"}
    normal = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=30)
    count = int(normal.stderr.rsplit("allocations: ", 1)[1])
    assert count > 0
    for nth in range(count):
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30,
                           env={"LD_PRELOAD": str(shim), "FAIL_NTH": str(nth)})
        what = f"allocation {nth} of {count} failed"
        assert r.returncode >= 0, f"{what}: signal {-r.returncode}\n{r.stderr}"
        if r.returncode == normal.returncode and r.stdout == normal.stdout:
            continue        # e.g. stdio's buffer: it copes without one
        assert r.returncode == 2, f"{what}: exit {r.returncode}\n{r.stderr}"
        assert (r.stderr.startswith(f"{obj}: out of memory") or
                r.stderr.startswith("verify_special_syms: ")), f"{what}:\n{r.stderr}"


# What is extracted: a source of tests/, and the options naming it.
EXTRACTIONS = {"alpha": ("extract/known.c", ["--functions", "alpha"]),
               "four": ("extract/known.c", ["-v", "--functions", "alpha,beta,gamma_,helper"]),
               "changed": ("extract/changed.c", ["--changed", "orig.o"]),
               # An untraced global function carried, its callers patched, the
               # linked object searched for other callers.
               "carried": ("pairs/patchable.c", ["--changed", "orig.o", "--linked", "linked.o"])}
# --changed patches functions with an ftrace entry call, and what the
# patch changes is defined by PATCHED or, for the pairs, by the variant's.
TRACED = {"changed": ["-pg", "-mfentry"],
          "carried": ["-pg", "-mfentry", "-fdata-sections"]}
PATCH = {"carried": "-DUNTRACED_GLOBAL"}


@pytest.mark.parametrize("extraction", sorted(EXTRACTIONS))
@pytest.mark.parametrize("cc,bits", [("gcc", 64), ("clang", 32)])
def test_every_extractor_allocation_may_fail(shim, extraction, cc, bits, tmp_path):
    """The same for the extractor, and a failed run leaves no OUT."""
    source, args = EXTRACTIONS[extraction]
    obj = tmp_path / "in.o"
    compile_ = [cc, f"-m{bits}", *OPTION_ON, *INCLUDES, *CFLAGS, "-ffunction-sections",
                *TRACED.get(extraction, []), "-c", ROOT / "tests" / source]
    # --changed compares in.o, the source patched, with orig.o.
    subprocess.run([*compile_, PATCH.get(extraction, "-DPATCHED"), "-o", obj], check=True)
    subprocess.run([*compile_, "-o", tmp_path / "orig.o"], check=True)
    if "--linked" in args:
        key = tmp_path / "key.o"
        subprocess.run([cc, f"-m{bits}", *CFLAGS, "-c", "-o", key,
                        ROOT / "tests" / "pairs" / "module_key.c"], check=True)
        subprocess.run(["ld", "-m", "elf_x86_64" if bits == 64 else "elf_i386", "-r",
                        "-o", tmp_path / "linked.o", tmp_path / "orig.o", key], check=True)
    out = tmp_path / "out.o"
    cmd = [str(EXTRACTOR), "-o", str(out), *args, str(obj)]
    env = {"LD_PRELOAD": str(shim), "FAIL_COUNT": "1"}
    normal = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=30,
                            cwd=tmp_path)
    assert normal.returncode == 0, normal.stderr
    expected = out.read_bytes()
    count = int(normal.stderr.rsplit("allocations: ", 1)[1])
    for nth in range(count):
        out.unlink(missing_ok=True)
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30, cwd=tmp_path,
                           env={"LD_PRELOAD": str(shim), "FAIL_NTH": str(nth)})
        what = f"allocation {nth} of {count} failed"
        assert r.returncode >= 0, f"{what}: signal {-r.returncode}\n{r.stderr}"
        if r.returncode == 0:
            assert out.read_bytes() == expected, what
            continue
        assert r.returncode == 2, f"{what}: exit {r.returncode}\n{r.stderr}"
        # A function only the original has is warned of before.
        error = "".join(line for line in r.stderr.splitlines(True)
                        if not line.startswith("orig.o: warning: "))
        assert (error.startswith(f"{obj}: out of memory") or
                error.startswith(f"{out}: out of memory") or
                error.startswith("orig.o: out of memory") or
                error.startswith("linked.o: out of memory") or
                error.startswith("extract_special_syms: ")), f"{what}:\n{r.stderr}"
        assert not out.exists(), f"{what}: OUT left behind"
