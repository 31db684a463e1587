# SPDX-License-Identifier: GPL-2.0
"""Every input that once crashed the verifier (found by fuzz/, see
tests/regressions/README), run in every mode the fuzz target uses: the
three listings, --deep, --referencing. Only the invariants are asserted:
what the right verdict is for a fuzzed file is not the point, surviving it
is."""
from pathlib import Path

import pytest

from invariants import run_verifier

REGRESSIONS = sorted(p for p in (Path(__file__).parent / "regressions").iterdir()
                     if p.name != "README")
MODES = [[], ["-v", "--list"], ["--json"], ["--deep"], ["--deep", "--json"],
         ["--referencing", "demo_copy,sum4,barriers,branch", "--list"],
         ["--referencing", "sum4", "--deep", "--json"]]


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_regression(path):
    for args in MODES:
        r = run_verifier(path, *args)
        assert r.returncode in (0, 1, 2), (args, r.stderr)
