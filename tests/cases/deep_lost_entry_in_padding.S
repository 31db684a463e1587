// A one-byte replacement (a NOP) that lost its symbol where ld -r could
// have put padding looks like padding to the coverage rules; the
// alternative that names it does not find its entry, so --deep reports it.
// flags: --deep
// expect: exit=1
// error: .altinstructions+0xe: error: deep: no .altinstr_replacement entry of replacementlen 0x1 bytes starts at +0xf
	.text
	.type f, @function
f:	nop; nop; nop
	.size f, . - f
	.section .altinstr_replacement, "ax"
	.balign 16
__ssym_r0: .fill 15, 1, 0x90
1:	nop
__ssym_r2: lfence
	.type __ssym_r0, @notype
	.size __ssym_r0, 15
	.type __ssym_r2, @notype
	.size __ssym_r2, 3
	.section .altinstructions, "a"
__ssym_a0: .long f - ., __ssym_r0 - ., 1
	.byte 3, 15
__ssym_a1: .long f - ., 1b - ., 2
	.byte 3, 1
__ssym_a2: .long f - ., __ssym_r2 - ., 3
	.byte 3, 3
	.type __ssym_a0, @object
	.size __ssym_a0, 14
	.type __ssym_a1, @object
	.size __ssym_a1, 14
	.type __ssym_a2, @object
	.size __ssym_a2, 14
