/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_SPECIAL_SYMS_H
#define _ASM_X86_SPECIAL_SYMS_H

/*
 * Entry symbols for array-of-structs special sections (__ex_table,
 * .altinstructions, __bug_table, ...). With CONFIG_SPECIAL_SECTION_SYMBOLS
 * every entry emitted through these pieces gets a local symbol whose value
 * and size are exactly that entry, so tools that cut entries out of an
 * object (livepatch generation) need not know any entry layout.
 *
 * Entries of data sections get STT_OBJECT symbols. Entries of code sections
 * (.altinstr_replacement, .altinstr_aux) end with SPECIAL_SYM_CODE_POPSECTION
 * and get STT_NOTYPE ones: objdump and llvm-objdump print the bytes of an
 * STT_OBJECT symbol as data, and STT_FUNC would make objtool check each
 * replacement as a function.
 *
 * In C, put SPECIAL_SYM_LABEL(n) in front of the entry's first byte, after
 * any alignment, and end the entry with SPECIAL_SYM_POPSECTION(nb) (in a
 * code section SPECIAL_SYM_CODE_POPSECTION(nb)) where the entry's
 * .popsection was. An existing label on the first byte (say
 * altinstr_replacement's 774) serves as well. Give each section its own
 * label number: an entry of one section may contain the push/pop of
 * another (an exception table entry inside an alternative replacement).
 *
 * Where one .popsection closes several entries (6.1's flat ALTERNATIVE_2),
 * the entries it does not end are named on a line they have anyway:
 * SPECIAL_SYM_LAST(nb, directive) is the entry's last directive, naming
 * the entry too; SPECIAL_SYM_CODE_HERE(nb) (SPECIAL_SYM_HERE(nb) in a
 * data section) follows the label that ends a code entry, on its line.
 *
 * In .S files SPECIAL_SYM_LABEL(n) labels the first byte the same way,
 * and SPECIAL_SYM_END(nb) (SPECIAL_SYM_CODE_END(nb) in a code section) goes
 * just before the entry's .popsection, which stays. Being assembler text,
 * those are defined in <asm/special_syms.inc> with the gas macros.
 *
 * With the option off the pieces reduce to what they replace, and the
 * object is byte-identical to one built without them.
 */

#ifdef __ASSEMBLY__

#include <asm/special_syms.inc>

#elif defined(CONFIG_SPECIAL_SECTION_SYMBOLS)

#include <asm/special_syms_macros.h>

/*
 * Toplevel asm precedes every function's asm in the output of both gcc
 * and clang, so the macros exist wherever the pieces below are expanded.
 * "%=" becomes a per-asm-instance number in extended asm and stays
 * literal in basic and toplevel asm; the macro tells the two apart.
 */
__asm__(SPECIAL_SYMS_MACROS);
#define SPECIAL_SYM_LABEL(n)		#n ":"
#define SPECIAL_SYM_POPSECTION(start)	"special_sym_popsection " #start ", \"%=\""
#define SPECIAL_SYM_CODE_POPSECTION(start) \
	"special_sym_code_popsection " #start ", \"%=\""
#define SPECIAL_SYM_HERE(start)		"special_sym_here " #start ", \"%=\""
#define SPECIAL_SYM_CODE_HERE(start)	"special_sym_code_here " #start ", \"%=\""
#define SPECIAL_SYM_LAST(start, directive) \
	"special_sym_last " #start ", \"%=\", " directive

#else /* !CONFIG_SPECIAL_SECTION_SYMBOLS */

#define SPECIAL_SYM_LABEL(n)		""
#define SPECIAL_SYM_POPSECTION(start)	".popsection"
#define SPECIAL_SYM_CODE_POPSECTION(start) ".popsection"
#define SPECIAL_SYM_HERE(start)		""
#define SPECIAL_SYM_CODE_HERE(start)	""
#define SPECIAL_SYM_LAST(start, directive) directive

#endif

#endif /* _ASM_X86_SPECIAL_SYMS_H */
