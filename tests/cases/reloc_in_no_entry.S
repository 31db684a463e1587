// A relocation in bytes no entry covers would be lost when entries are cut out.
// expect: exit=1
// error: .altinstr_replacement+0x4: error: relocation R_{arch}_32 lies in no entry
// error: .altinstr_replacement+0x4: error: gap: 0x4 bytes
	.section .altinstr_replacement, "ax"
r0:	.byte 0x90, 0x90, 0x90, 0x90
	.long target
	.type r0, @notype
	.size r0, 4
