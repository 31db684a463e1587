# SPDX-License-Identifier: GPL-2.0
"""extract_special_syms --data: data objects the extracted code defines go
along as their own bytes, with their symbols, their relocations and what
those point at; the code's references land on the copies. Read back with
pyelftools; refusals leave no OUT."""
import pytest
from elftools.elf.elffile import ELFFile
from elftools.elf.relocation import RelocationSection

from conftest import CFLAGS, check_run, extract, verify
from test_extract import sha

SOURCE = r"""
static int once_flag;                        /* .bss: no bytes in the file */
static const char *greeting[2] = { "hello", "world" };
static int counter = 42;
static int other = 7;                        /* shares .data, not named */

int warn_once(int i)
{
	if (once_flag)
		return 0;
	once_flag = 1;
	counter++;
	other++;
	return counter + other + greeting[i & 1][0];
}
"""


@pytest.fixture(scope="module", params=[64, 32])
def obj(request, tmp_path_factory):
    d = tmp_path_factory.mktemp(f"data{request.param}")
    src = d / "data.c"
    src.write_text(SOURCE)
    out = d / "data.o"
    check_run(["gcc", f"-m{request.param}", *CFLAGS, "-ffunction-sections", "-c",
               "-o", out, src])
    return out


def symbols(elf):
    return {s.name: s for s in elf.get_section_by_name(".symtab").iter_symbols() if s.name}


def relocations(elf, section):
    """(offset, symbol name or 'section SECTION', addend or None) of one section."""
    syms = list(elf.get_section_by_name(".symtab").iter_symbols())
    out = []
    for rs in elf.iter_sections():
        if not isinstance(rs, RelocationSection):
            continue
        if elf.get_section(rs["sh_info"]).name != section:
            continue
        for r in rs.iter_relocations():
            s = syms[r["r_info_sym"]]
            name = s.name or "section " + elf.get_section(s["st_shndx"]).name
            out.append((r["r_offset"], name, r.entry.get("r_addend")))
    return out


def test_data_goes_along(obj, tmp_path):
    out = tmp_path / "out.o"
    before = sha(obj)
    r = extract(out, "warn_once", obj, "--data", "once_flag,greeting,counter")
    assert r.returncode == 0, r.stderr
    assert sha(obj) == before
    with open(obj, "rb") as f, open(out, "rb") as g:
        ein, eout = ELFFile(f), ELFFile(g)
        sin, sout = symbols(ein), symbols(eout)
        for name in ("once_flag", "greeting", "counter"):
            s, t = sin[name], sout[name]
            assert t["st_info"]["type"] == "STT_OBJECT" and t["st_info"]["bind"] == "STB_LOCAL"
            assert t["st_size"] == s["st_size"]
            secin, secout = ein.get_section(s["st_shndx"]), eout.get_section(t["st_shndx"])
            assert secout.name == secin.name and secout["sh_type"] == secin["sh_type"]
            assert secout["sh_flags"] == secin["sh_flags"]
            if secin["sh_type"] != "SHT_NOBITS":
                want = secin.data()[s["st_value"]:s["st_value"] + s["st_size"]]
                got = secout.data()[t["st_value"]:t["st_value"] + t["st_size"]]
                assert got == want, name
        # "other" shares a section with "counter" and was not named.
        assert "other" not in sout or sout["other"]["st_shndx"] == "SHN_UNDEF"
        # The code's references name the copies, or a section symbol of theirs.
        text = relocations(eout, ".text.warn_once")
        named = {n for _, n, _ in text}
        assert "other" in named
        for name in ("once_flag", "counter", "greeting"):
            assert sout[name]["st_shndx"] != "SHN_UNDEF"
        # The table's pointers come along with the strings they point at.
        table = relocations(eout, eout.get_section(sout["greeting"]["st_shndx"]).name)
        assert len(table) == 2 and all(n.startswith("section .rodata") for _, n, _ in table)
    assert verify(out).returncode == 0


@pytest.mark.parametrize("data,message", [
    ("nothing", "error: no data object named nothing"),
    ("warn_once", "error: warn_once is STT_FUNC, not a data object"),
    ("counter,nothing", "error: no data object named nothing"),
])
def test_data_refused(obj, tmp_path, data, message):
    out = tmp_path / "out.o"
    before = sha(obj)
    r = extract(out, "warn_once", obj, "--data", data)
    assert r.returncode == 1, r.stderr
    assert message in r.stderr and r.stderr.startswith(f"{obj}: ")
    assert not out.exists() and sha(obj) == before


def test_data_usage(obj, tmp_path):
    r = extract(tmp_path / "out.o", "warn_once", obj, "--data=")
    assert r.returncode == 2 and "--data needs NAME" in r.stderr
