/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The assembler side: the kernel's .S macros for alternatives and
 * exception tables, with entry symbols; one replacement is empty.
 */
// entries: __ex_table=3 .altinstructions=3 .altinstr_replacement=3
// entries: .discard.unwind_hints=1 .smp_locks=1 runtime_ptr_table_base=1
// entries: _kprobe_blacklist=1 .discard.func_stack_frame_non_standard=1
#include <asm/special_syms.h>

.macro altinstr_entry orig, alt, ft_flags, orig_len, alt_len
	.pushsection .altinstructions, "a"
	SPECIAL_SYM_LABEL(7771) .long \orig - .
	.long \alt - .
	.4byte \ft_flags
	.byte \orig_len
	.byte \alt_len
	SPECIAL_SYM_END(7771b)
	.popsection
.endm

.macro ALTERNATIVE oldinstr, newinstr, ft_flags
740:
	\oldinstr
741:
	.skip -(((744f-743f)-(741b-740b)) > 0) * ((744f-743f)-(741b-740b)),0x90
742:
	altinstr_entry 740b, 743f, \ft_flags, 742b-740b, 744f-743f
	.pushsection .altinstr_replacement, "ax"
743:
	\newinstr
744:
	SPECIAL_SYM_CODE_END(743b)
	.popsection
.endm

#define _ASM_EXTABLE(from, to)					\
	.pushsection "__ex_table", "a" ;			\
	.balign 4 ;						\
	SPECIAL_SYM_LABEL(7770) .long (from) - . ;		\
	.long (to) - . ;					\
	.long 0 ;						\
	SPECIAL_SYM_END(7770b) ;				\
	.popsection

.macro LOCK_PREFIX
672:	lock
	.pushsection .smp_locks, "a"
	.balign 4
	SPECIAL_SYM_LABEL(7775) .long 672b - .
	SPECIAL_SYM_END(7775b)
	.popsection
.endm

#ifdef __x86_64__
#define _ASM_PTR .quad
#define _ASM_ALIGN .balign 8
#define PLACEHOLDER $0x0123456789abcdef
#define IMM_SIZE 8
#define REG_DX rdx
#else
#define _ASM_PTR .long
#define _ASM_ALIGN .balign 4
#define PLACEHOLDER $0x01234567
#define IMM_SIZE 4
#define REG_DX edx
#endif

.macro RUNTIME_CONST_PTR sym reg
	mov	PLACEHOLDER, %\reg
	1:
	.pushsection runtime_ptr_\sym, "a"
	SPECIAL_SYM_LABEL(7776) .long 1b - IMM_SIZE - .
	SPECIAL_SYM_END(7776b)
	.popsection
.endm
#define _ASM_NOKPROBE(entry)					\
	.pushsection "_kprobe_blacklist", "aw" ;		\
	_ASM_ALIGN ;						\
	SPECIAL_SYM_LABEL(7777) _ASM_PTR (entry);		\
	SPECIAL_SYM_END(7777b) ;				\
	.popsection

.macro STACK_FRAME_NON_STANDARD func:req
	.pushsection .discard.func_stack_frame_non_standard, "aw"
	SPECIAL_SYM_LABEL(7778) .long \func - .
	SPECIAL_SYM_END(7778b)
	.popsection
.endm

	.text
	.globl demo_copy
	.type demo_copy, @function
demo_copy:
1:	movl (%esi), %eax
2:	movl %eax, (%edi)
3:	ret
	_ASM_EXTABLE(1b, 3b)
	_ASM_EXTABLE(2b, 3b)

	ALTERNATIVE "nop", "lfence", 1
	ALTERNATIVE "jmp 5f", "", 2
5:	ALTERNATIVE "nop; nop", "mfence", 3
6:	nop
	_ASM_EXTABLE(6b, 3b)

987:	nop
	.pushsection .discard.unwind_hints
	SPECIAL_SYM_LABEL(7773) .long 987b - .
	.short 0
	.byte 7, 1, 0
	.balign 4
	SPECIAL_SYM_END(7773b)
	.popsection
	LOCK_PREFIX
	incl (%edi)
	RUNTIME_CONST_PTR table_base, REG_DX
	.size demo_copy, . - demo_copy
_ASM_NOKPROBE(demo_copy)
STACK_FRAME_NON_STANDARD demo_copy
