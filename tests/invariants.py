# SPDX-License-Identifier: GPL-2.0
"""What every verifier run must keep, whatever the input: no signal, no
sanitizer report, every diagnostic line starting with the file name, the
input unchanged, done in time."""
import hashlib
import subprocess

from conftest import VERIFIER

TIMEOUT = 30
SANITIZER_MARKS = ("Sanitizer", "runtime error:", "LeakSanitizer")


def run_verifier(path, *args, verifier=None):
    """Run once on path; check the invariants; return the result."""
    before = hashlib.sha256(path.read_bytes()).digest() if path.is_file() else None
    r = subprocess.run([str(verifier or VERIFIER), *args, str(path)],
                       capture_output=True, text=True, errors="replace", timeout=TIMEOUT)
    assert r.returncode >= 0, f"killed by signal {-r.returncode}:\n{r.stderr}"
    assert not any(m in r.stderr for m in SANITIZER_MARKS), r.stderr
    for line in r.stderr.splitlines():
        assert line.startswith(f"{path}: "), f"diagnostic without the file name: {line}"
    if before is not None:
        assert hashlib.sha256(path.read_bytes()).digest() == before, "input was modified"
    return r
