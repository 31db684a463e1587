// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.1's shapes: the flat ALTERNATIVE_2/_3, whose entries share one
 * .pushsection .altinstructions and whose replacements share one
 * .pushsection .altinstr_replacement, so that a .popsection closes several
 * entries (12-byte struct alt_instr, u16 cpuid); and the paravirt patch
 * sites of .parainstructions (_paravirt_alt()).
 */
// entries: .altinstructions=7 .altinstr_replacement=7 .parainstructions=2
#include "kernel_like.h"

#define b_replacement(num)	"663"#num
#define e_replacement(num)	"664"#num
#define alt_slen		"662b-661b"
#define alt_total_slen		"663b-661b"
#define alt_rlen_61(num)	e_replacement(num)"f-"b_replacement(num)"f"

#define OLDINSTR_FLAT(oldinstr)						\
	"661:\n\t" oldinstr "\n662:\n"					\
	".skip 8 - (" alt_slen "), 0x90\n"				\
	"663:\n"

#define ALTINSTR_ENTRY_61(feature, num)					\
	SPECIAL_SYM_LABEL(7771) " .long 661b - .\n"			\
	" .long " b_replacement(num)"f - .\n"				\
	" .word " __stringify(feature) "\n"				\
	" .byte " alt_total_slen "\n"					\
	SPECIAL_SYM_LAST(7771b, " .byte " alt_rlen_61(num)) "\n"

#define ALTINSTR_REPLACEMENT_61(newinstr, num)				\
	"# ALT: replacement " #num "\n"					\
	b_replacement(num)":\n\t" newinstr "\n"				\
	e_replacement(num) ": " SPECIAL_SYM_CODE_HERE(663 ## num ## b) "\n"

#define ALTERNATIVE_2_61(oldinstr, newinstr1, feature1, newinstr2, feature2) \
	OLDINSTR_FLAT(oldinstr)						\
	".pushsection .altinstructions,\"a\"\n"				\
	ALTINSTR_ENTRY_61(feature1, 1)					\
	ALTINSTR_ENTRY_61(feature2, 2)					\
	".popsection\n"							\
	".pushsection .altinstr_replacement, \"ax\"\n"			\
	ALTINSTR_REPLACEMENT_61(newinstr1, 1)				\
	ALTINSTR_REPLACEMENT_61(newinstr2, 2)				\
	".popsection\n"

#define ALTERNATIVE_3_61(oldinsn, newinsn1, feat1, newinsn2, feat2,	\
			 newinsn3, feat3)				\
	OLDINSTR_FLAT(oldinsn)						\
	".pushsection .altinstructions,\"a\"\n"				\
	ALTINSTR_ENTRY_61(feat1, 1)					\
	ALTINSTR_ENTRY_61(feat2, 2)					\
	ALTINSTR_ENTRY_61(feat3, 3)					\
	".popsection\n"							\
	".pushsection .altinstr_replacement, \"ax\"\n"			\
	ALTINSTR_REPLACEMENT_61(newinsn1, 1)				\
	ALTINSTR_REPLACEMENT_61(newinsn2, 2)				\
	ALTINSTR_REPLACEMENT_61(newinsn3, 3)				\
	".popsection\n"

/* struct paravirt_patch_site: a pointer, type, len, clobbers, aligned. */
#define _paravirt_alt(insn_string, type, clobber)			\
	"771:\n\t" insn_string "\n" "772:\n"				\
	".pushsection .parainstructions,\"a\"\n"			\
	_ASM_ALIGN "\n"							\
	SPECIAL_SYM_LABEL(7778) _ASM_PTR " 771b\n"			\
	"  .byte " type "\n"						\
	"  .byte 772b-771b\n"						\
	"  .short " clobber "\n"					\
	_ASM_ALIGN "\n"							\
	SPECIAL_SYM_POPSECTION(7778b) "\n"

void flat_barriers(void)
{
	__asm__ volatile(ALTERNATIVE_2_61("nop", "lfence", 1, "mfence", 2) ::: "memory");
	/* An empty replacement among three, in one statement. */
	__asm__ volatile(ALTERNATIVE_3_61("nop", "lfence", 1, "", 2, "mfence", 3));
}

/* Basic asm: %= stays literal, the counter names the entries. */
void flat_basic(void)
{
	__asm__ volatile(ALTERNATIVE_2_61("nop", "pause", 4, "lfence", 5));
}

/* Two paravirt sites, one inlined twice over. */
static inline __attribute__((always_inline)) void pv_call(void)
{
	__asm__ volatile(_paravirt_alt("nop", "3", "1") ::: "memory");
}

void pv_twice(void)
{
	pv_call();
	pv_call();
}
