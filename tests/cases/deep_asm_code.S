// --deep: assembler code is sized STT_NOTYPE (the kernel's SYM_CODE_START
// and SYM_CODE_END), and so are replacements: entries that describe code
// there describe code. Without code symbols counted, both would land "in
// no function".
// flags: --deep
// entries: __ex_table=2 .altinstr_replacement=1
	.text
	.globl entry_code
entry_code:
1:	movl (%esi), %eax
	ret
	.type entry_code, @notype
	.size entry_code, . - entry_code
	.section .altinstr_replacement, "ax"
__ssym_r0:
2:	movl (%edi), %eax
	.type __ssym_r0, @notype
	.size __ssym_r0, . - __ssym_r0
	.section __ex_table, "a"
__ssym_e0: .long 1b - ., 1b - ., 0
__ssym_e1: .long 2b - ., 1b - ., 0
	.type __ssym_e0, @object
	.size __ssym_e0, 12
	.type __ssym_e1, @object
	.size __ssym_e1, 12
