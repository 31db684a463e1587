// Padding ends where the next input section starts, at an aligned offset:
// a NOP that ends anywhere else is a gap.
// expect: exit=1
// error: .altinstr_replacement+0xe: error: gap: 0x1 bytes covered by no entry symbol
	.section .altinstr_replacement, "ax"
	.balign 16
__ssym_r0: .fill 14, 1, 0xcc
	nop
__ssym_r1: ret
	.type __ssym_r0, @notype
	.size __ssym_r0, 14
	.type __ssym_r1, @notype
	.size __ssym_r1, 1
