# SPDX-License-Identifier: GPL-2.0
"""Three front ends over one ELF layer: elf/ includes nothing of the tools,
verify/ stands on elf/ alone, and extract/ and livepatch/ never reach into
each other. Both may use the verifier's entry model, by design: the
extractor works from the entries the verifier indexes, and klp_module
finds there the entries a livepatch relocation must not reach."""
import re

import pytest

from conftest import ROOT

ENTRY_MODEL = {"check.h", "entries.h", "functions.h", "policy.h", "relocs.h"}
ALLOWED = {
    "elf": lambda d, name: False,
    "verify": lambda d, name: d == "elf",
    "extract": lambda d, name: d == "elf" or (d == "verify" and name in ENTRY_MODEL),
    "livepatch": lambda d, name: d == "elf" or (d == "verify" and name in ENTRY_MODEL),
}
SOURCES = [p for layer in ALLOWED for p in sorted((ROOT / layer).glob("*.[ch]"))]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_includes_stay_in_their_layer(path):
    layer = path.parent.name
    for include in re.findall(r'#include\s+"([^"]+)"', path.read_text()):
        if "/" not in include:
            assert (path.parent / include).is_file(), include
            continue
        m = re.fullmatch(r"\.\./(\w+)/([\w.]+)", include)
        assert m and ALLOWED[layer](m.group(1), m.group(2)), \
            f"{path.relative_to(ROOT)} includes {include}"
