// SPDX-License-Identifier: GPL-2.0
/*
 * An object copied through the writer: sections in their order, symbols
 * in theirs (the writer puts the locals first, as they already are),
 * relocations section by section. Relocation, symbol and string tables
 * are not copied but made anew by the writer; a group cannot be carried.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "../elf/diagnostics.h"
#include "rewrite.h"

uint32_t raw_shndx(const struct elf_view *v, uint32_t i)
{
	uint16_t shndx;

	/* st_shndx is the last member of Elf64_Sym's first half, of Elf32_Sym. */
	if (v->is64)
		memcpy(&shndx, v->symdata + (size_t)i * sizeof(Elf64_Sym) +
		       offsetof(Elf64_Sym, st_shndx), 2);
	else
		memcpy(&shndx, v->symdata + (size_t)i * sizeof(Elf32_Sym) +
		       offsetof(Elf32_Sym, st_shndx), 2);
	return shndx;
}

static int is_table(uint32_t type)
{
	return type == SHT_NULL || type == SHT_SYMTAB || type == SHT_STRTAB ||
	       type == SHT_REL || type == SHT_RELA || type == SHT_SYMTAB_SHNDX;
}

/*
 * The writer numbers sections in the order they are added, so every copy's
 * handle is known before any is added: links (SHF_LINK_ORDER) may point
 * forward.
 */
static int number_sections(struct rewrite *rw)
{
	const struct elf_view *v = rw->v;
	uint32_t i, next = 1;

	for (i = 1; i < v->shnum; i++) {
		const struct elf_section *s = &v->sections[i];

		if (is_table(s->type))
			continue;
		if (s->type == SHT_GROUP || s->type == SHT_DYNSYM ||
		    s->type == SHT_DYNAMIC || s->type == SHT_HASH) {
			report_error(v, s, 0, "a section of type %u cannot be carried over",
				     s->type);
			return 1;
		}
		rw->sec_out[i] = next++;
	}
	return 0;
}

static int copy_sections(struct rewrite *rw)
{
	const struct elf_view *v = rw->v;
	uint32_t i;

	for (i = 1; i < v->shnum; i++) {
		const struct elf_section *s = &v->sections[i];
		struct elf_writer_section desc = { s->name, s->type, s->flags,
						   s->addralign, s->entsize, 0 };

		if (!rw->sec_out[i])
			continue;
		if (s->link && s->link < v->shnum)
			desc.link = rw->sec_out[s->link];
		if (elf_writer_add_section(rw->w, &desc) != rw->sec_out[i] ||
		    elf_writer_append(rw->w, rw->sec_out[i],
				      s->type == SHT_NOBITS ? NULL : s->data,
				      s->size) == UINT64_MAX)
			return -1;
	}
	return 0;
}

static int copy_symbols(struct rewrite *rw, const struct rewrite_ops *ops,
			void *ctx)
{
	const struct elf_view *v = rw->v;
	uint32_t i;
	int ret;

	for (i = 1; i < v->nsyms; i++) {
		const struct elf_symbol s = elf_sym(v, i);
		uint32_t raw = raw_shndx(v, i);
		struct elf_writer_symbol out = { s.name, s.value, s.size, s.type,
						 s.bind, s.other, 0, raw };

		if (s.fault != SYM_OK) {
			report_error(v, NULL, 0, "symbol %u is malformed", i);
			return 1;
		}
		if (s.shndx != SHN_UNDEF) {
			out.section = rw->sec_out[s.shndx];
			out.shndx = 0;
			if (!out.section) {
				report_error(v, &v->sections[s.shndx], s.value,
					     "symbol %s is in a section that is not copied",
					     s.type == STT_SECTION ? v->sections[s.shndx].name : s.name);
				return 1;
			}
		}
		if (s.type == STT_SECTION && out.section) {
			rw->sym_out[i] = elf_writer_section_symbol(rw->w, out.section);
			if (!rw->sym_out[i])
				return -1;
			continue;
		}
		ret = ops->symbol ? ops->symbol(ctx, i, &out) : 0;
		if (ret)
			return ret;
		rw->sym_out[i] = elf_writer_add_symbol(rw->w, &out);
		if (!rw->sym_out[i])
			return -1;
	}
	return 0;
}

static int copy_relocs_of(struct rewrite *rw, const struct rewrite_ops *ops,
			  void *ctx, uint32_t relsec)
{
	const struct elf_view *v = rw->v;
	const struct elf_section *rs = &v->sections[relsec];
	uint64_t k, n = elf_reloc_count(v, rs);
	uint32_t target = rs->info;

	if (!target || target >= v->shnum || !rw->sec_out[target]) {
		if (!n)
			return 0;
		report_error(v, rs, 0, "relocations for a section that is not copied");
		return 1;
	}
	for (k = 0; k < n; k++) {
		struct elf_reloc rel;
		uint32_t to = rw->sec_out[target], sym = 0;

		elf_reloc_read(v, rs, k, &rel);
		if (rel.sym >= v->nsyms) {
			report_error(v, rs, k, "relocation %llu: no symbol %u",
				     (unsigned long long)k, rel.sym);
			return 1;
		}
		if (rel.sym)
			sym = rw->sym_out[rel.sym];
		if (ops->relocs_for)
			to = ops->relocs_for(ctx, rw, target, rel.sym);
		if (!to || elf_writer_add_reloc(rw->w, to, rel.offset, rel.type,
						sym, rel.has_addend ? rel.addend : 0))
			return -1;
	}
	return 0;
}

int rewrite_object(const struct elf_view *v, const struct rewrite_ops *ops,
		   void *ctx, struct elf_writer **out)
{
	struct rewrite rw = { v, NULL, NULL, NULL };
	uint32_t i;
	int ret = -1;

	*out = NULL;
	rw.w = elf_writer_new(v->is64, v->machine, elf_uses_rela(v));
	rw.sec_out = calloc(v->shnum + 1, sizeof(*rw.sec_out));
	rw.sym_out = calloc(v->nsyms + 1, sizeof(*rw.sym_out));
	if (!rw.w || !rw.sec_out || !rw.sym_out)
		goto out;
	ret = number_sections(&rw);
	if (!ret)
		ret = copy_sections(&rw);
	if (!ret)
		ret = copy_symbols(&rw, ops, ctx);
	if (!ret && ops->more_symbols)
		ret = ops->more_symbols(ctx, &rw);
	for (i = 1; i < v->shnum && !ret; i++)
		if (v->sections[i].type == SHT_REL || v->sections[i].type == SHT_RELA)
			ret = copy_relocs_of(&rw, ops, ctx, i);
out:
	free(rw.sec_out);
	free(rw.sym_out);
	if (ret)
		elf_writer_free(rw.w);
	else
		*out = rw.w;
	return ret;
}
