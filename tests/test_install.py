# SPDX-License-Identifier: GPL-2.0
"""make install puts what the README says where it says: the three tools,
the header and the gas macros. Read from make -n, which installs nothing."""
from conftest import ROOT, check_run

INSTALLED = ["bin/verify_special_syms", "bin/extract_special_syms", "bin/klp_module",
             "include/asm/special_syms.h", "include/asm/special_syms_macros.h",
             "include/asm/special_syms.inc"]


def test_install_lists_every_artifact():
    out = check_run(["make", "-n", "-C", ROOT, "install", "DESTDIR=/dest", "PREFIX=/prefix"]).stdout
    lines = [line for line in out.splitlines() if line.startswith("install ")]
    targets = sorted(line.split()[-1] for line in lines)
    assert targets == sorted("/dest/prefix/" + path for path in INSTALLED)
