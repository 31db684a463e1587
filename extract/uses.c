// SPDX-License-Identifier: GPL-2.0
/*
 * Uses of functions, from relocations. A direct branch is a call (or
 * jump, a tail call) instruction whose 32-bit PC-relative operand the
 * relocation fills: the opcode before the operand says so, e8 (call),
 * e9 (jmp) or 0f 8x (jcc). No other use of a function's address by code
 * puts those bytes there: a RIP-relative operand follows a ModRM byte
 * that names RIP (mod 00, r/m 101), and i386 has no PC-relative data
 * operand at all. Any other reference from code is the function's address.
 *
 * Code entries (replacements and the like) that point into a function's
 * middle lead back into it: they belong to it and come along with its
 * copy. Elsewhere, a reference to the function's start is a way in when
 * its section's row of the carriage table says the running kernel
 * follows it (a variable, an export); an entry describes the code it
 * points at, and a reference into the function's middle (a switch table,
 * a fixup) is a place of its own code, which comes along with its copy.
 */
#include <stdlib.h>
#include <string.h>

#include "../elf/grow.h"
#include "../elf/reloc_types.h"
#include "carriage.h"
#include "reloc_walk.h"
#include "uses.h"

uint32_t function_holding(const struct uses *u, uint32_t sec, uint64_t offset)
{
	const struct elf_view *v = &u->cf->view;
	const struct function_index *fi = &u->functions;
	const uint32_t *f = fi->funcs + fi->first[sec];
	uint64_t lo = symbol_index_upper(v, fi, sec, offset);
	int aliases;

	/* Aliases share a start: the last one may be a zero-size label. */
	for (aliases = 0; lo > 0 && aliases < 8; aliases++, lo--) {
		const struct elf_symbol s = elf_sym(v, f[lo - 1]);
		uint64_t start = elf_symbol_offset(v, &s);
		struct elf_symbol prev;

		if (offset - start < s.size)
			return f[lo - 1];
		if (lo < 2)
			break;
		prev = elf_sym(v, f[lo - 2]);
		if (elf_symbol_offset(v, &prev) != start)
			break;
	}
	return 0;
}

static int is_branch_operand(const struct elf_view *v,
			     const struct elf_section *sec, uint64_t at,
			     uint32_t type)
{
	const unsigned char *b = sec->data;
	int pc32 = v->machine == EM_386 ?
		   type == R_386_PC32 || type == R_386_PLT32 :
		   type == R_X86_64_PC32 || type == R_X86_64_PLT32;

	if (!pc32 || !b || at < 1 || at > sec->size || sec->size - at < 4)
		return 0;
	return b[at - 1] == 0xe8 || b[at - 1] == 0xe9 ||
	       (at >= 2 && b[at - 2] == 0x0f && (b[at - 1] & 0xf0) == 0x80);
}

static enum use_kind classify(const struct checked_file *cf,
			      const struct places *p, uint32_t sec,
			      uint64_t at, const struct elf_reloc *rel,
			      uint32_t callee, uint64_t target)
{
	const struct elf_view *v = &cf->view;
	const struct elf_section *s = &v->sections[sec];
	const struct elf_symbol f = elf_sym(v, callee);
	int inside = target != elf_symbol_offset(v, &f);

	/* A code entry's way back into the function it belongs to. */
	if (is_code_section(s) && inside &&
	    cf->table.rules[sec].kind != SECTION_UNCHECKED)
		return USE_OWN;
	if (is_code_section(s))
		return is_branch_operand(v, s, at, rel->type) ? USE_CALL : USE_ADDRESS;
	if (inside)
		return USE_OWN;
	return carriage_rule(v, p, sec)->reach == FOLLOWED ? USE_ADDRESS : USE_OWN;
}

static int add_use(struct uses *u, const struct use *use)
{
	if (grow_array(&u->items, &u->cap, u->count + 1, sizeof(*u->items)))
		return -1;
	u->items[u->count++] = *use;
	return 0;
}

static int uses_in_section(struct uses *u, const struct places *p,
			   const unsigned char *wanted, uint32_t sec)
{
	const struct checked_file *cf = u->cf;
	const struct elf_view *v = &cf->view;
	struct reloc_walk w;
	struct elf_reloc rel;
	uint64_t at;

	for (reloc_walk_begin(&w, v, sec); reloc_walk_next(&w, &at, &rel);) {
		struct target t = resolve_reloc(v, &u->functions, &v->sections[sec], &rel);
		struct use use;

		if (!t.func || (wanted && !wanted[t.func]))
			continue;
		use = (struct use){ t.func, 0, sec, at, USE_OWN };
		if (is_code_section(&v->sections[sec]))
			use.caller = function_holding(u, sec, at);
		if (use.caller != t.func)
			use.kind = classify(cf, p, sec, at, &rel, t.func, t.offset);
		if (add_use(u, &use))
			return -1;
	}
	return 0;
}

static int by_callee(const void *a, const void *b)
{
	const struct use *x = a, *y = b;

	if (x->callee != y->callee)
		return x->callee < y->callee ? -1 : 1;
	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	return (x->caller > y->caller) - (x->caller < y->caller);
}

int uses_build(struct uses *u, const struct checked_file *cf,
	       const struct places *p, const unsigned char *wanted)
{
	uint32_t sec;

	memset(u, 0, sizeof(*u));
	u->cf = cf;
	if (function_index_build(&u->functions, &cf->view))
		return -1;
	for (sec = 1; sec < cf->view.shnum; sec++)
		if (uses_in_section(u, p, wanted, sec))
			return -1;
	if (u->count)
		qsort(u->items, u->count, sizeof(*u->items), by_callee);
	return 0;
}

const struct use *uses_of(const struct uses *u, uint32_t f, uint64_t *n)
{
	uint64_t lo = 0, hi = u->count, end;

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (u->items[mid].callee < f)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < u->count && u->items[end].callee == f; end++)
		;
	*n = end - lo;
	return u->items + lo;
}

void uses_free(struct uses *u)
{
	free(u->items);
	function_index_free(&u->functions);
	memset(u, 0, sizeof(*u));
}
