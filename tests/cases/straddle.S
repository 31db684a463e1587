// A relocation whose four bytes start in one entry and end in the next.
// expect: exit=1
// error: .altinstr_replacement+0x4: error: relocation R_{arch}_32 straddles entries: bytes 0x4..0x8 cross the end of r0 into r1
	.section .altinstr_replacement, "ax"
r0:	.byte 0x90, 0x90, 0x90, 0x90
	.long target
	.byte 0x90, 0x90, 0x90, 0x90
	.set r1, r0 + 6
	.type r0, @notype
	.size r0, 6
	.type r1, @notype
	.size r1, 6
