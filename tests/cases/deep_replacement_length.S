// --deep: the replacementlen byte must match the replacement entry it names.
// flags: --deep
// expect: exit=1
// error: .altinstructions+0x0: error: deep: no .altinstr_replacement entry of replacementlen 0x5 bytes starts at +0x0
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
	.long r0 - .
	.long 1
	.byte 3, 5
	.type a0, @object
	.size a0, 14
