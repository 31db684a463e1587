// A symbol that runs past its section.
// expect: exit=1
// error: .altinstr_replacement+0x4: error: entry symbol r1 (0x8 bytes) extends past the section end 0x8
	.section .altinstr_replacement, "ax"
r0:	.fill 4, 1, 0x90
r1:	.fill 4, 1, 0x90
	.type r0, @notype
	.size r0, 4
	.type r1, @notype
	.size r1, 8
