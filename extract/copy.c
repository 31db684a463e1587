// SPDX-License-Identifier: GPL-2.0
/*
 * Copying the taken pieces out. Pieces keep their input order within a
 * section; the units of a checked section are placed back to back (a gap
 * would be a verifier error), other pieces at the offset modulo the
 * section's alignment they had. Bytes are copied unchanged with one
 * exception: with REL, a relocation's addend is stored in the bytes it
 * patches, so when its target moved, the new addend is written there.
 *
 * A relocation keeps naming what it named: a symbol that was copied is
 * referred to in its copy; a named symbol that was not stays a reference
 * by that name (undefined here, and global, since an undefined symbol
 * cannot be local); a section symbol pointing into copied bytes points
 * into their copy, and one pointing elsewhere becomes the named symbol
 * holding the target, addend adjusted.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "../elf/diagnostics.h"
#include "../elf/grow.h"
#include "../elf/reloc_types.h"
#include "copy.h"
#include "pieces.h"

struct ordered {
	uint64_t start, end, piece;
	uint32_t sec;
};

struct copy {
	struct extraction *x;
	const struct elf_view *v;
	struct elf_writer *w;
	struct ordered *order;		/* pieces by section, then offset */
	uint32_t *out_sec;		/* per input section: output section */
	uint32_t *sym_out;		/* per input symbol: output symbol */
	unsigned char *scratch;
	uint64_t scratch_cap;
};

static int by_section_and_offset(const void *a, const void *b)
{
	const struct ordered *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

static int order_pieces(struct copy *c)
{
	const struct extraction *x = c->x;
	uint64_t i;

	c->order = malloc((x->npieces + 1) * sizeof(*c->order));
	if (!c->order)
		return -1;
	for (i = 0; i < x->npieces; i++) {
		const struct piece *p = &x->pieces[i];

		c->order[i] = (struct ordered){ p->start, p->end, i, p->sec };
	}
	qsort(c->order, x->npieces, sizeof(*c->order), by_section_and_offset);
	return 0;
}

static uint32_t add_section_like(struct copy *c, uint32_t sec, uint32_t link)
{
	const struct elf_section *s = &c->v->sections[sec];
	struct elf_writer_section desc = {
		s->name, s->type, s->flags & ~(uint64_t)SHF_GROUP,
		s->addralign, s->entsize, link,
	};

	/* The section it is ordered with did not come along. */
	if ((s->flags & SHF_LINK_ORDER) && !link)
		desc.flags &= ~(uint64_t)SHF_LINK_ORDER;
	return elf_writer_add_section(c->w, &desc);
}

/* One output section per input section with pieces, in input order. */
static int make_sections(struct copy *c)
{
	const struct elf_view *v = c->v;
	uint32_t next = 1, sec;
	uint64_t i;

	/* Handles are given out in order: know them all before any link. */
	for (i = 0; i < c->x->npieces; i++)
		if (!c->out_sec[c->order[i].sec])
			c->out_sec[c->order[i].sec] = next++;
	for (sec = 1; sec < v->shnum; sec++) {
		const struct elf_section *s = &v->sections[sec];
		uint32_t link = 0;

		if (!c->out_sec[sec])
			continue;
		if ((s->flags & SHF_LINK_ORDER) && s->link < v->shnum)
			link = c->out_sec[s->link];
		if (add_section_like(c, sec, link) != c->out_sec[sec])
			return -1;
	}
	return 0;
}

/*
 * The first offset from cursor that is start modulo the section's
 * alignment, up to a page: no piece of bytes without a name needs more,
 * and padding to a larger one would be as large.
 */
static uint64_t congruent(uint64_t cursor, uint64_t start, uint64_t align)
{
	if (align > 4096)
		align = 4096;
	if (align <= 1)
		return cursor;
	return cursor + (start % align + align - cursor % align) % align;
}

static void place_pieces(struct copy *c)
{
	struct extraction *x = c->x;
	uint64_t cursor = 0, i;
	uint32_t sec = 0;

	for (i = 0; i < x->npieces; i++) {
		struct piece *p = &x->pieces[c->order[i].piece];
		const struct elf_section *s = &c->v->sections[p->sec];

		if (p->sec != sec)
			cursor = 0;
		sec = p->sec;
		if (p->unit)
			p->out = cursor;
		else
			p->out = congruent(cursor, p->start, s->addralign);
		cursor = p->out + (p->end - p->start);
	}
}

static int copy_symbol(struct copy *c, uint32_t i, const struct piece *p)
{
	const struct elf_symbol s = elf_sym(c->v, i);
	struct elf_writer_symbol out = {
		s.name, p->out + (s.value - p->start), s.size, s.type, s.bind,
		s.other, c->out_sec[p->sec], 0,
	};

	c->sym_out[i] = elf_writer_add_symbol(c->w, &out);
	return c->sym_out[i] ? 0 : -1;
}

/* A section copied whole: every named symbol in it. */
static int copy_section_symbols(struct copy *c, const struct piece *p)
{
	const struct function_index *named = &c->x->places.named;
	uint64_t k;

	for (k = named->first[p->sec]; k < named->first[p->sec + 1]; k++)
		if (copy_symbol(c, named->funcs[k], p))
			return -1;
	return 0;
}

/*
 * The named symbols wholly inside a piece, entry symbols aside. A data
 * object's piece defines the object first, whatever its size: an empty
 * struct (a lockdep key without CONFIG_LOCKDEP) has no byte to be inside
 * of, and a reference to it must not become a reference by name.
 */
static int copy_symbols_inside(struct copy *c, const struct piece *p)
{
	const struct places *pl = &c->x->places;
	const uint32_t *syms = pl->named.funcs + pl->named.first[p->sec];
	uint64_t n = pl->named.first[p->sec + 1] - pl->named.first[p->sec];
	uint64_t k = 0;

	if (p->object && copy_symbol(c, p->object, p))
		return -1;
	if (p->start)
		k = symbol_index_upper(c->v, &pl->named, p->sec, p->start - 1);
	for (; k < n; k++) {
		const struct elf_symbol s = elf_sym(c->v, syms[k]);

		if (s.value >= p->end)
			break;
		if (pl->is_entry[syms[k]] || s.size > p->end - s.value ||
		    syms[k] == p->object)
			continue;
		if (copy_symbol(c, syms[k], p))
			return -1;
	}
	return 0;
}

/* A unit: its entry symbol and the other symbols inside it (labels). */
static int copy_unit_symbols(struct copy *c, const struct piece *p)
{
	uint32_t entry = c->x->places.units[p->unit - 1].sym;

	if (entry && copy_symbol(c, entry, p))
		return -1;
	return copy_symbols_inside(c, p);
}

/* The symbols a piece defines; bytes no symbol names define none. */
static int copy_symbols_of(struct copy *c, const struct piece *p)
{
	if (p->unit)
		return copy_unit_symbols(c, p);
	if (p->object)
		return copy_symbols_inside(c, p);
	if (c->x->whole[p->sec])
		return copy_section_symbols(c, p);
	return 0;
}

static int copy_symbols(struct copy *c)
{
	const struct elf_view *v = c->v;
	uint64_t i;
	uint32_t k;

	/* The source file's name first, as the locals it precedes expect. */
	for (k = 1; k < v->nsyms; k++) {
		const struct elf_symbol s = elf_sym(v, k);
		struct elf_writer_symbol file = { s.name, 0, 0, STT_FILE,
						  STB_LOCAL, 0, 0, SHN_ABS };

		if (s.type != STT_FILE || s.fault != SYM_OK)
			continue;
		if (!elf_writer_add_symbol(c->w, &file))
			return -1;
		break;
	}
	for (i = 0; i < c->x->npieces; i++)
		if (copy_symbols_of(c, &c->x->pieces[c->order[i].piece]))
			return -1;
	return 0;
}

/* The output symbol for input symbol i, an undefined reference if not copied. */
static uint32_t symbol_out(struct copy *c, uint32_t i)
{
	const struct elf_symbol s = elf_sym(c->v, i);
	struct elf_writer_symbol ref = { s.name, 0, 0, s.type, s.bind, s.other,
					 0, SHN_UNDEF };

	if (c->sym_out[i])
		return c->sym_out[i];
	if (c->x->rename && c->x->rename[i])
		ref.name = c->x->rename[i];
	/* Defined elsewhere in the input: whatever it is there, it is wanted. */
	if (s.bind == STB_LOCAL || s.shndx != SHN_UNDEF) {
		ref.bind = STB_GLOBAL;
		if (s.bind == STB_LOCAL)
			ref.other = STV_DEFAULT;
	}
	c->sym_out[i] = elf_writer_add_symbol(c->w, &ref);
	return c->sym_out[i];
}

static int reloc_error(struct copy *c, const struct piece *p,
		       uint64_t offset, const char *what,
		       const struct elf_reloc *rel)
{
	report_error(c->v, &c->v->sections[p->sec], offset, "relocation %s %s",
		     reloc_type_name(c->v->machine, rel->type), what);
	return 1;
}

/*
 * What relocation rel of piece p becomes: the output symbol and addend.
 * 0, 1 when its target cannot be carried over, -1 when out of memory.
 */
static int retarget(struct copy *c, const struct piece *p, uint64_t offset,
		    uint64_t k, const struct elf_reloc *rel, uint32_t *sym,
		    int64_t *addend)
{
	const struct elf_view *v = c->v;
	const struct elf_symbol s = elf_sym(v, rel->sym);
	const struct piece *there;
	struct target t;
	struct place pl;

	*addend = rel->addend;
	*sym = 0;
	if (!rel->sym)
		return 0;
	if (is_name(v, &s)) {
		*sym = symbol_out(c, rel->sym);
		return *sym ? 0 : -1;
	}
	t = reloc_target(v, &v->sections[p->sec], rel);
	pl = locate(c->x, t.sec, t.offset);
	if (narrow_shared_start(c->x, &pl, p->sec, k))
		return -1;
	if (pl.kind == PLACE_SYMBOL) {
		*sym = symbol_out(c, pl.sym);
		*addend = (int64_t)((uint64_t)rel->addend + s.value -
				    elf_sym(v, pl.sym).value);
		return *sym ? 0 : -1;
	}
	there = piece_at(c->x, &pl);
	if (!there)
		return reloc_error(c, p, offset, "points where nothing can be copied",
				   rel);
	*sym = elf_writer_section_symbol(c->w, c->out_sec[there->sec]);
	*addend = (int64_t)((uint64_t)rel->addend + s.value + there->out -
			    there->start);
	return *sym ? 0 : -1;
}

/* Add delta to the width-byte little-endian field at p; -1 if it overflows. */
static int patch_addend(unsigned char *p, int width, int64_t delta)
{
	uint64_t raw = 0, bits = 8 * (uint64_t)width;
	int64_t value;

	memcpy(&raw, p, width);
	if (width < 8 && raw >> (bits - 1))
		raw |= ~0ULL << bits;	/* sign-extend */
	value = (int64_t)(raw + (uint64_t)delta);
	if (width < 8 && (value < -(1LL << (bits - 1)) ||
			  value >= (1LL << bits)))
		return -1;
	memcpy(p, &value, width);
	return 0;
}

static int carry_reloc(struct copy *c, const struct piece *p,
		       const struct section_relocs *relocs,
		       const struct placed_reloc *pr, unsigned char *bytes)
{
	const struct elf_view *v = c->v;
	const struct elf_section *relsec = &v->sections[pr->relsec];
	uint64_t at = pr->offset - p->start;
	struct elf_reloc rel;
	int64_t addend;
	uint32_t sym;
	int width, ret;

	elf_reloc_read(v, relsec, pr->index, &rel);
	width = reloc_width(v->machine, rel.type);
	if (width < 0)
		return reloc_error(c, p, pr->offset, "is of an unknown type", &rel);
	if (rel.sym && (relsec->link != v->symtab || rel.sym >= v->nsyms))
		return reloc_error(c, p, pr->offset, "names a symbol that is not in the symbol table",
				   &rel);
	if ((uint64_t)width > p->end - pr->offset || (width && !bytes))
		return reloc_error(c, p, pr->offset, "reaches past the copied bytes",
				   &rel);
	if ((relsec->type == SHT_RELA) != c->x->rela)
		return reloc_error(c, p, pr->offset, "is REL and RELA mixed in one file",
				   &rel);
	ret = retarget(c, p, pr->offset, pr - relocs->items, &rel, &sym, &addend);
	if (ret)
		return ret;
	if (!c->x->rela) {
		if (width && addend != rel.addend &&
		    patch_addend(bytes + at, width, addend - rel.addend))
			return reloc_error(c, p, pr->offset, "cannot hold the moved target's addend",
					   &rel);
		addend = 0;
	}
	return elf_writer_add_reloc(c->w, c->out_sec[p->sec], p->out + at,
				    rel.type, sym, addend);
}

/* The relocation before a piece must not reach into it. */
static int check_straddle(struct copy *c, const struct piece *p,
			  const struct placed_reloc *before)
{
	struct elf_reloc rel;
	int width;

	if (p->start - before->offset >= 16)
		return 0;	/* wider than any relocation */
	elf_reloc_read(c->v, &c->v->sections[before->relsec], before->index,
		       &rel);
	width = reloc_width(c->v->machine, rel.type);
	if (width > 0 && before->offset + width > p->start)
		return reloc_error(c, p, before->offset,
				   "patches bytes on both sides of the start of what is copied",
				   &rel);
	return 0;
}

/* The bytes of a piece, to patch REL addends in: NULL for NOBITS. */
static unsigned char *bytes_of(struct copy *c, const struct piece *p)
{
	const struct elf_section *s = &c->v->sections[p->sec];
	uint64_t size = p->end - p->start;

	if (!s->data)
		return NULL;
	if (grow_array(&c->scratch, &c->scratch_cap, size, 1))
		return NULL;
	if (size)
		memcpy(c->scratch, s->data + p->start, size);
	return c->scratch;
}

static int copy_piece(struct copy *c, const struct piece *p)
{
	const struct section_relocs *relocs = reloc_cache_get(&c->x->relocs,
							      p->sec);
	uint32_t out = c->out_sec[p->sec];
	uint64_t have = elf_writer_section_size(c->w, out), k;
	unsigned char *bytes = bytes_of(c, p);
	int ret;

	if (!relocs || (!bytes && c->v->sections[p->sec].data && p->end > p->start))
		return -1;
	k = section_reloc_first(relocs, p->start);
	ret = k ? check_straddle(c, p, &relocs->items[k - 1]) : 0;
	if (ret)
		return ret;
	for (; k < relocs->count && relocs->items[k].offset < p->end; k++) {
		ret = carry_reloc(c, p, relocs, &relocs->items[k], bytes);
		if (ret)
			return ret;
	}
	if (have < p->out &&
	    elf_writer_append(c->w, out, NULL, p->out - have) == UINT64_MAX)
		return -1;
	if (elf_writer_append(c->w, out, bytes, p->end - p->start) == UINT64_MAX)
		return -1;
	return 0;
}

/* Userspace links of the output would warn about an executable stack. */
static int copy_stack_note(struct copy *c)
{
	const struct elf_view *v = c->v;
	uint32_t sec, out;

	for (sec = 1; sec < v->shnum; sec++) {
		const struct elf_section *s = &v->sections[sec];

		if (strcmp(s->name, ".note.GNU-stack") || c->out_sec[sec] ||
		    s->type != SHT_PROGBITS)
			continue;
		out = add_section_like(c, sec, 0);
		/* Only what the file holds: a header may claim bytes it has not. */
		if (!out || elf_writer_append(c->w, out, s->data,
					      s->data ? s->size : 0) == UINT64_MAX)
			return -1;
		return 0;
	}
	return 0;
}

int copy_pieces(struct extraction *x, struct elf_writer *w)
{
	struct copy c = { x, x->v, w, NULL, NULL, NULL, NULL, 0 };
	uint64_t i;
	int ret = -1;

	c.out_sec = calloc(x->v->shnum + 1, sizeof(*c.out_sec));
	c.sym_out = calloc(x->v->nsyms + 1, sizeof(*c.sym_out));
	if (!c.out_sec || !c.sym_out || order_pieces(&c) || make_sections(&c))
		goto out;
	place_pieces(&c);
	if (copy_symbols(&c))
		goto out;
	for (i = 0; i < x->npieces; i++) {
		ret = copy_piece(&c, &x->pieces[c.order[i].piece]);
		if (ret)
			goto out;
	}
	ret = copy_stack_note(&c);
out:
	free(c.order);
	free(c.out_sec);
	free(c.sym_out);
	free(c.scratch);
	return ret;
}
