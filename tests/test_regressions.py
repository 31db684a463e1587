# SPDX-License-Identifier: GPL-2.0
"""Every input that once crashed the verifier or the extractor (found by
fuzz/, see tests/regressions/README), run in every mode the verifier's fuzz
target uses: the three listings, --deep, --referencing; and through the
extractor, naming the functions the file has. Only the invariants are
asserted: what the right verdict is for a fuzzed file is not the point,
surviving it is - and an object the extractor writes must verify."""
import subprocess
from pathlib import Path

import pytest

from conftest import EXTRACTOR
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


def function_names(path):
    """Defined functions as readelf sees them; a placeholder if none."""
    r = subprocess.run(["readelf", "-sW", str(path)], capture_output=True, text=True)
    names = [f[7] for f in (l.split() for l in r.stdout.splitlines())
             if len(f) == 8 and f[3] == "FUNC" and f[6] != "UND"]
    return ",".join(names[:4]) or "none"


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_regression_extract(path, tmp_path):
    out = tmp_path / "out.o"
    r = run_verifier(path, "-o", out, "--functions", function_names(path), verifier=EXTRACTOR)
    assert r.returncode in (0, 1, 2), r.stderr
    assert out.exists() == (r.returncode == 0)
    if out.exists():
        assert run_verifier(out).returncode == 0
