// --deep: a replacement reference into the middle of a replacement entry.
// flags: --deep
// expect: exit=1
// error: .altinstructions+0x0: error: deep: no .altinstr_replacement entry of replacementlen 0x3 bytes starts at +0x1
	.text
	.type f, @function
f:	nop; nop; nop
	.size f, . - f
	.section .altinstr_replacement, "ax"
r0:	lfence
	.type r0, @notype
	.size r0, 3
	.section .altinstructions, "a"
a0:	.long f - .
	.long r0 + 1 - .
	.long 1
	.byte 3, 3
	.type a0, @object
	.size a0, 14
