// The .S side: one gas macro expanded many times; \@ alone names them.
// entries: __ex_table=12
#include <asm/special_syms.h>

.macro guarded_load n
	.text
10:	movl \n(%esi), %eax
11:
	.pushsection __ex_table, "a"
	.balign 4
	SPECIAL_SYM_LABEL(7770) .long 10b - .
	.long 11b - .
	.long \n
	SPECIAL_SYM_END(7770b)
	.popsection
.endm

	.irp n, 0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44
	guarded_load \n
	.endr
