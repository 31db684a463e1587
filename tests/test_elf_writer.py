# SPDX-License-Identifier: GPL-2.0
"""elf/elf_writer from a front end of its own: tests/writer/
livepatch_like.c builds an object the way a livepatch module generator
would (a relocation section of its own with SHF_ALLOC | SHF_RELA_LIVEPATCH
against a symbol in SHN_LIVEPATCH, a section with that flag, a NOBITS
section, a local added after the globals). pyelftools, readelf and
the verifier read it back."""
import subprocess

import pytest
from elftools.elf.elffile import ELFFile

from conftest import ROOT, check_run, verify

SOURCE = ROOT / "tests" / "writer" / "livepatch_like.c"


@pytest.fixture(scope="module")
def tool(tmp_path_factory):
    out = tmp_path_factory.mktemp("writer") / "livepatch_like"
    check_run(["cc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-O1", "-o", out, SOURCE,
               ROOT / "elf" / "elf_writer.c", ROOT / "elf" / "grow.c"])
    return out


@pytest.mark.parametrize("bits", [64, 32])
def test_written_object(tool, bits, tmp_path):
    obj = tmp_path / "klp.o"
    r = subprocess.run([str(tool), str(obj), str(bits)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    with open(obj, "rb") as f:
        elf = ELFFile(f)
        assert elf.elfclass == bits and elf["e_type"] == "ET_REL"
        assert elf["e_machine"] == ("EM_X86_64" if bits == 64 else "EM_386")
        names = [s.name for s in elf.iter_sections()]
        rel = ".rela" if bits == 64 else ".rel"
        klp_rel = f".klp{rel}.vmlinux.text.new_func"
        assert names == ["", ".text.new_func", rel + ".text.new_func", ".klp.note",
                         rel + ".klp.note", ".bss.state", klp_rel, ".symtab", ".strtab",
                         ".shstrtab"]
        klp = elf.get_section_by_name(".klp.note")
        assert klp["sh_flags"] == 0x00100000 | 0x2
        text = elf.get_section_by_name(".text.new_func")
        assert text["sh_offset"] % 16 == 0 and text["sh_addralign"] == 16
        bss = elf.get_section_by_name(".bss.state")
        assert bss["sh_type"] == "SHT_NOBITS" and bss["sh_size"] == 4096
        symtab = elf.get_section_by_name(".symtab")
        syms = list(symtab.iter_symbols())
        binds = [s["st_info"]["bind"] for s in syms]
        first_global = binds.index("STB_GLOBAL")
        assert symtab["sh_info"] == first_global
        assert all(b == "STB_LOCAL" for b in binds[:first_global])
        assert all(b != "STB_LOCAL" for b in binds[first_global:])
        by_name = {s.name: s for s in syms}
        assert by_name[".klp.sym.vmlinux.klp_target,0"]["st_shndx"] == 0xff20
        assert by_name["state"]["st_value"] == 16 and by_name["state"]["st_size"] == 8
        relsec = elf.get_section_by_name(rel + ".text.new_func")
        assert relsec["sh_link"] == names.index(".symtab")
        assert relsec["sh_info"] == names.index(".text.new_func")
        assert relsec["sh_flags"] & 0x40          # SHF_INFO_LINK
        relocs = [(r["r_offset"], syms[r["r_info_sym"]].name or "section")
                  for r in relsec.iter_relocations()]
        assert relocs == [(8, "section")]
        klp_relsec = elf.get_section_by_name(klp_rel)
        assert klp_relsec["sh_type"] == ("SHT_RELA" if bits == 64 else "SHT_REL")
        assert klp_relsec["sh_flags"] == 0x00100000 | 0x40 | 0x2   # livepatch, info link, alloc
        assert klp_relsec["sh_info"] == names.index(".text.new_func")
        assert klp_relsec["sh_link"] == names.index(".symtab")
        assert [(r["r_offset"], syms[r["r_info_sym"]].name)
                for r in klp_relsec.iter_relocations()] == [(1, ".klp.sym.vmlinux.klp_target,0")]
    assert verify(obj).returncode == 0
    assert "klp_target" in check_run(["readelf", "-sW", obj]).stdout
