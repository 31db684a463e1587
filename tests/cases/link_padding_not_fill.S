// Padding is fill only: a byte that is no NOP in an alignment-sized hole
// is still a gap, as an unannotated one-byte entry would be.
// expect: exit=1
// error: .altinstr_replacement+0xe: error: gap: 0x2 bytes covered by no entry symbol
	.section .altinstr_replacement, "ax"
	.balign 16
__ssym_r0: .fill 14, 1, 0xcc
	.byte 0x01
	.balign 16
__ssym_r1: ret
	.type __ssym_r0, @notype
	.size __ssym_r0, 14
	.type __ssym_r1, @notype
	.size __ssym_r1, 1
