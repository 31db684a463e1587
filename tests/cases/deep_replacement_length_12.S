// --deep on Linux 6.1's 12-byte struct alt_instr (u16 cpuid): the
// replacementlen byte is the entry's last, as in 6.12's 14-byte one. The
// second entry's length is wrong, and only reading the last byte sees it.
// flags: --deep
// expect: exit=1
// error: .altinstructions+0xc: error: deep: no .altinstr_replacement entry of replacementlen 0x5 bytes starts at +0x3
	.text
	.type f, @function
f:	nop; nop; nop
	.size f, . - f
	.section .altinstr_replacement, "ax"
r0:	lfence
	.type r0, @notype
	.size r0, 3
r1:	mfence
	.type r1, @notype
	.size r1, 3
	.section .altinstructions, "a"
a0:	.long f - .
	.long r0 - .
	.word 1
	.byte 3, 3
	.type a0, @object
	.size a0, 12
a1:	.long f - .
	.long r1 - .
	.word 2
	.byte 3, 5
	.type a1, @object
	.size a1, 12
