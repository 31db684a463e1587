# SPDX-License-Identifier: GPL-2.0
"""--referencing selects the entries of functions, through function symbols
and through section symbol + addend, following the alternatives chain."""
import json
from collections import Counter

import pytest

from conftest import ROOT, CFLAGS, INCLUDES, OPTION_ON, check_run, verify

SOURCE = ROOT / "tests" / "select" / "two_functions.c"

EXPECTED = {
    "alpha": {"__ex_table": 3, ".altinstructions": 2, ".altinstr_replacement": 2,
              "__jump_table": 1, "__bug_table": 1},
    "beta": {"__ex_table": 2, ".altinstructions": 1, ".altinstr_replacement": 1,
             ".discard.unwind_hints": 1},
    "gamma_": {"__ex_table": 1, ".altinstructions": 1, ".altinstr_replacement": 1},
}

BUILDS = [(cc, bits, fs) for cc in ("gcc", "clang") for bits in (64, 32)
          for fs in ((), ("-ffunction-sections",))]


@pytest.fixture(scope="module", params=BUILDS,
                ids=lambda b: f"{b[0]}{b[1]}{'-fs' if b[2] else ''}")
def obj(request, tmp_path_factory):
    cc, bits, extra = request.param
    out = tmp_path_factory.mktemp("select") / "two.o"
    check_run([cc, f"-m{bits}", *OPTION_ON, *INCLUDES, *CFLAGS, *extra, "-c", "-o", out, SOURCE])
    return out


def selected(obj, functions):
    r = verify("--json", "--referencing", functions, obj)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    return Counter({s["name"]: len(s["entries"]) for f in doc["files"]
                    for s in f["sections"] if s["entries"]})


@pytest.mark.parametrize("function", sorted(EXPECTED))
def test_one_function(obj, function):
    assert selected(obj, function) == Counter(EXPECTED[function])


def test_several_functions(obj):
    both = Counter(EXPECTED["alpha"]) + Counter(EXPECTED["beta"])
    assert selected(obj, "alpha,beta") == both


def test_unknown_function_selects_nothing(obj):
    assert selected(obj, "no_such_function") == Counter()


def test_text_listing_names_the_entries(obj):
    r = verify("--referencing", "beta", obj)
    lines = r.stdout.splitlines()
    assert len(lines) == sum(EXPECTED["beta"].values())
    # The empty replacement of beta's alternative comes with it, size zero.
    assert any(".altinstr_replacement+" in l and " size 0x0 __ssym_" in l for l in lines)


def test_selection_is_the_whole_when_all_functions_are_named(obj):
    """Every entry of the object belongs to exactly one of the functions."""
    everything = verify("--json", obj)
    doc = json.loads(everything.stdout)
    total = Counter({s["name"]: len(s["entries"]) for s in doc["files"][0]["sections"]})
    assert selected(obj, "alpha,beta,gamma_") == total
