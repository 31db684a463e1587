// --deep cannot find a replacementlen in entries shorter than struct
// alt_instr's two offsets and two lengths: it says so instead of
// passing the entry unchecked.
// flags: --deep
// expect: exit=1
// error: .altinstructions+0x0: error: deep: an entry of 8 bytes holds no replacementlen
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
	.type a0, @object
	.size a0, 8
