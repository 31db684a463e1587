// --deep on consistent entries, including an empty replacement that shares
// its start with the next one.
// flags: --deep
// entries: .altinstructions=2 .altinstr_replacement=2 __ex_table=1
	.text
	.type f, @function
f:	nop; nop; nop
1:	ret
	.size f, . - f
	.section .altinstr_replacement, "ax"
__ssym_r0:
__ssym_r1: lfence
	.type __ssym_r0, @notype
	.size __ssym_r0, 0
	.type __ssym_r1, @notype
	.size __ssym_r1, 3
	.section .altinstructions, "a"
__ssym_a0: .long f - ., __ssym_r0 - ., 1
	.byte 3, 0
__ssym_a1: .long f - ., __ssym_r1 - ., 2
	.byte 3, 3
	.type __ssym_a0, @object
	.size __ssym_a0, 14
	.type __ssym_a1, @object
	.size __ssym_a1, 14
	.section __ex_table, "a"
__ssym_e0: .long f + 1 - ., 1b - ., 0
	.type __ssym_e0, @object
	.size __ssym_e0, 12
