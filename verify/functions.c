// SPDX-License-Identifier: GPL-2.0
/*
 * The function index: STT_FUNC symbols grouped by section and sorted by
 * offset, built like the entry index (count, place, sort) so relocation
 * targets resolve with one binary search.
 */
#include <elf.h>
#include <stdlib.h>

#include "../elf/reloc_types.h"
#include "../elf/sorted.h"
#include "functions.h"

static uint64_t symbol_start(const struct elf_view *v, uint32_t index)
{
	const struct elf_symbol sym = elf_sym(v, index);

	return elf_symbol_offset(v, &sym);
}

/* A symbol and its offset, decoded once for sorting. */
struct placed_symbol {
	uint64_t offset;
	uint32_t index;
};

static int by_offset(const void *a, const void *b)
{
	const struct placed_symbol *x = a, *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

static int is_function(const struct elf_view *v, const struct elf_symbol *s)
{
	return s->fault == SYM_OK && s->type == STT_FUNC &&
	       s->shndx != SHN_UNDEF && s->shndx < v->shnum;
}

/*
 * Assembler code is sized STT_NOTYPE (SYM_CODE_START/SYM_CODE_END in the
 * kernel's .S files), and so are the entries of code sections.
 */
static int is_code(const struct elf_view *v, const struct elf_symbol *s)
{
	return is_function(v, s) ||
	       (s->fault == SYM_OK && s->type == STT_NOTYPE && s->size &&
		s->shndx != SHN_UNDEF && s->shndx < v->shnum &&
		(v->sections[s->shndx].flags & SHF_EXECINSTR));
}

int function_index_build(struct function_index *fi, const struct elf_view *v)
{
	return symbol_index_build(fi, v, is_function);
}

int code_index_build(struct function_index *fi, const struct elf_view *v)
{
	return symbol_index_build(fi, v, is_code);
}

int symbol_index_build(struct function_index *fi, const struct elf_view *v,
		       int (*keep)(const struct elf_view *v,
				   const struct elf_symbol *sym))
{
	struct placed_symbol *placed = NULL;
	uint64_t *next, k;
	uint32_t i;

	fi->first = calloc(v->shnum + 2, sizeof(*fi->first));
	next = calloc(v->shnum + 1, sizeof(*next));
	fi->funcs = NULL;
	if (!fi->first || !next)
		goto fail;
	for (i = 0; i < v->nsyms; i++) {
		const struct elf_symbol sym = elf_sym(v, i);

		if (keep(v, &sym))
			fi->first[sym.shndx + 1]++;
	}
	for (i = 0; i < v->shnum; i++) {
		fi->first[i + 1] += fi->first[i];
		next[i] = fi->first[i];
	}
	fi->funcs = malloc((fi->first[v->shnum] + 1) * sizeof(*fi->funcs));
	placed = malloc((fi->first[v->shnum] + 1) * sizeof(*placed));
	if (!fi->funcs || !placed)
		goto fail;
	for (i = 0; i < v->nsyms; i++) {
		const struct elf_symbol sym = elf_sym(v, i);

		if (keep(v, &sym))
			placed[next[sym.shndx]++] = (struct placed_symbol){
				elf_symbol_offset(v, &sym), i };
	}
	/* The assembler defines most in order. */
	for (i = 0; i < v->shnum; i++)
		sort_unless_sorted(placed + fi->first[i],
				   fi->first[i + 1] - fi->first[i],
				   sizeof(*placed), by_offset);
	for (k = 0; k < fi->first[v->shnum]; k++)
		fi->funcs[k] = placed[k].index;
	free(placed);
	free(next);
	return 0;
fail:
	free(placed);
	free(next);
	function_index_free(fi);
	return -1;
}

void function_index_free(struct function_index *fi)
{
	free(fi->first);
	free(fi->funcs);
	fi->first = NULL;
	fi->funcs = NULL;
}

uint64_t symbol_index_upper(const struct elf_view *v,
			    const struct function_index *fi, uint32_t sec,
			    uint64_t offset)
{
	const uint32_t *f = fi->funcs + fi->first[sec];
	uint64_t lo = 0, hi = fi->first[sec + 1] - fi->first[sec];

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (symbol_start(v, f[mid]) <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

uint32_t function_before(const struct elf_view *v,
			 const struct function_index *fi, uint32_t sec,
			 uint64_t offset)
{
	uint64_t n = symbol_index_upper(v, fi, sec, offset);

	return n ? fi->funcs[fi->first[sec] + n - 1] : 0;
}

/* The function of section sec whose bytes hold offset, or 0. */
static uint32_t function_containing(const struct elf_view *v,
				    const struct function_index *fi,
				    uint32_t sec, uint64_t offset)
{
	const uint32_t *f = fi->funcs + fi->first[sec];
	uint64_t lo = symbol_index_upper(v, fi, sec, offset);

	/*
	 * Aliases share a start and sort by index, so the last one may be a
	 * zero-size label: look at a few before it, never at all of them.
	 */
	for (int aliases = 0; lo > 0 && aliases < 8; aliases++) {
		const struct elf_symbol sf = elf_sym(v, f[lo - 1]), *s = &sf;
		uint64_t start = elf_symbol_offset(v, s);

		if (offset - start < s->size)
			return f[lo - 1];
		if (lo < 2 || symbol_start(v, f[lo - 2]) != start)
			break;
		lo--;
	}
	return 0;
}

static int pc_relative(uint16_t machine, uint32_t type)
{
	if (machine == EM_386)
		return type == R_386_PC32 || type == R_386_PLT32 ||
		       type == R_386_PC16 || type == R_386_PC8;
	return type == R_X86_64_PC32 || type == R_X86_64_PLT32 ||
	       type == R_X86_64_PC16 || type == R_X86_64_PC8 ||
	       type == R_X86_64_PC64;
}

struct target reloc_target(const struct elf_view *v,
			   const struct elf_section *from,
			   const struct elf_reloc *rel)
{
	struct target t = { SHN_UNDEF, 0, 0 };
	struct elf_symbol s;
	const struct elf_symbol *sym = &s;
	int width;

	if (rel->sym == 0 || rel->sym >= v->nsyms)
		return t;
	s = elf_sym(v, rel->sym);
	if (sym->fault != SYM_OK || sym->shndx == SHN_UNDEF ||
	    sym->shndx >= v->shnum)
		return t;
	t.sec = sym->shndx;
	if (sym->type == STT_FUNC) {
		/* Naming the function itself: that function, whatever the addend. */
		t.offset = elf_symbol_offset(v, sym);
		t.func = rel->sym;
		return t;
	}
	t.offset = elf_symbol_offset(v, sym) + rel->addend;
	width = reloc_width(v->machine, rel->type);
	if ((from->flags & SHF_EXECINSTR) && width > 0 &&
	    pc_relative(v->machine, rel->type))
		t.offset += width;
	return t;
}

struct target resolve_reloc(const struct elf_view *v,
			    const struct function_index *fi,
			    const struct elf_section *from,
			    const struct elf_reloc *rel)
{
	struct target t = reloc_target(v, from, rel);

	if (t.sec != SHN_UNDEF && !t.func)
		t.func = function_containing(v, fi, t.sec, t.offset);
	return t;
}
