# SPDX-License-Identifier: GPL-2.0
"""kernel/klp/line-directives.awk: after a patch's hunks, "#line"
directives give every untouched line its original number, so that
__LINE__ below a change (a WARN()'s, kept in the bug table) is what the
running kernel has. Checked by the preprocessor itself: each marker line
expands __LINE__, and the untouched markers must expand alike in the
original and in the patched file with the directives; a marker the patch
added may expand to anything."""
import re
import subprocess

import pytest

from conftest import ROOT, check_run

AWK = ROOT / "kernel" / "klp" / "line-directives.awk"

ORIG = """\
int M1 = __LINE__;
/* a comment
   over lines */
int M2 = __LINE__;
#define TWO(x) \\
	((x) + \\
	 (x))
int M3 = __LINE__;
int M4 = __LINE__;
#ifdef NOT_DEFINED
int off1;
#else
int M6 = __LINE__;
#endif
int M5 = __LINE__;
"""

# name -> patched text: every marker of ORIG that it keeps must keep its line
PATCHED = {
    "insert at the top": "int z;\nint y;\n" + ORIG,
    "delete": ORIG.replace("int M3 = __LINE__;\n", ""),
    "insert before a comment": ORIG.replace("/* a comment", "int new1;\n/* a comment"),
    "insert inside a comment": ORIG.replace("   over lines */", "   more\n   over lines */"),
    "insert before a macro's continuation": ORIG.replace(
        "#define TWO(x) \\\n", "int new2;\n#define TWO(x) \\\n"),
    "change inside a macro": ORIG.replace("\t((x) + \\\n", "\t((x) - \\\n\t 0 + \\\n"),
    "string with a comment opener": ORIG.replace(
        "int M2 = __LINE__;", 'const char *s = "/*";\nint q;\nint M2 = __LINE__;'),
    "change in a block that is not compiled": ORIG.replace("int off1;\n", "int off1;\nint off2;\n"),
    "change before a block that is not compiled": ORIG.replace(
        "int M4 = __LINE__;\n", "int M4 = __LINE__;\nint z4;\n"),
    "several hunks": ("int new0;\n" + ORIG).replace("int M4 = __LINE__;\n",
                                                    "int M4 = __LINE__;\nint n;\nint m;\n"),
}


def markers(path):
    """Marker name -> the line __LINE__ expanded to, from cpp's output."""
    out = check_run(["cpp", "-P", str(path)]).stdout
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"int (M\d+) = (\d+);", out)}


@pytest.mark.parametrize("case", sorted(PATCHED))
def test_untouched_lines_keep_their_numbers(tmp_path, case):
    orig, patched, fixed = tmp_path / "o.c", tmp_path / "p.c", tmp_path / "f.c"
    orig.write_text(ORIG)
    patched.write_text(PATCHED[case])
    hunks = subprocess.run(["diff", "-U0", str(orig), str(patched)],
                           capture_output=True, text=True).stdout
    (tmp_path / "hunks").write_text(hunks)
    fixed.write_text(check_run(["awk", "-f", str(AWK), str(tmp_path / "hunks"),
                                str(patched)]).stdout)
    want, got = markers(orig), markers(fixed)
    assert got and got.keys() == markers(patched).keys()
    assert all(got[m] == want[m] for m in got), (want, got, fixed.read_text())


def test_the_directives_are_needed(tmp_path):
    """The cases move markers when compiled as patched, without directives."""
    moved = 0
    orig = tmp_path / "o.c"
    orig.write_text(ORIG)
    want = markers(orig)
    for case, text in PATCHED.items():
        p = tmp_path / "p.c"
        p.write_text(text)
        got = markers(p)
        moved += any(got[m] != want[m] for m in got)
    assert moved == len(PATCHED)
