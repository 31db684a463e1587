# SPDX-License-Identifier: GPL-2.0
"""The extractor knows no special section and no struct: entry symbols, the
policy's section classification, section flags and relocations are all it
works from. Its sources must not name a special section, a struct of one,
the verifier's layout header, or the layout-aware selection and checks.
Neither may the livepatch module builder's: livepatch/, kernel/klp-build
and its steps in kernel/klp/, and the suite runner kernel/klp-test. Nor
the ELF layer all three tools stand on, elf/: it reads and writes ELF and
knows of no special section at all."""
import re

import pytest

from conftest import ROOT

FORBIDDEN = [".altinstructions", "altinstr", "__ex_table", "__bug_table", "__jump_table",
             "unwind_hints", "x86_layout.h", "select_referencing", "check_deep",
             "alt_instr", "exception_table_entry", "bug_entry", "jump_entry",
             "ALT_INSTR_", "ENTRY_CODE_REF", "SEC_ALT"]
SOURCES = sorted((ROOT / "extract").glob("*.[ch]"))
GENERATOR = (sorted((ROOT / "livepatch").glob("*.[ch]")) +
             [ROOT / "kernel" / "klp-build", ROOT / "kernel" / "klp-test"] +
             sorted((ROOT / "kernel" / "klp").glob("*")))
ELF_LAYER = sorted((ROOT / "elf").glob("*.[ch]"))


def test_there_are_sources():
    assert len(SOURCES) >= 4
    assert len(GENERATOR) >= 4 and all(p.is_file() for p in GENERATOR)
    assert len(ELF_LAYER) >= 4


@pytest.mark.parametrize("path", SOURCES + GENERATOR + ELF_LAYER,
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_layout_knowledge(path):
    text = path.read_text()
    found = [(n, text[:m.start()].count("\n") + 1)
             for n in FORBIDDEN for m in re.finditer(re.escape(n), text)]
    assert found == [], f"{path.name} names {found}"
    for include in re.findall(r'#include\s+"([^"]+)"', text):
        assert not include.endswith(("select.h", "deep.h", "x86_layout.h")), include
