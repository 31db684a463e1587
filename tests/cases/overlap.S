// Two replacements that claim the same bytes.
// expect: exit=1
// error: .altinstr_replacement+0x4: error: overlap: entry symbols r0 and r1 both cover 0x2 bytes
	.section .altinstr_replacement, "ax"
r0:	.fill 6, 1, 0x90
	.fill 4, 1, 0x90
	.set r1, r0 + 4
	.type r0, @notype
	.size r0, 6
	.type r1, @notype
	.size r1, 6
