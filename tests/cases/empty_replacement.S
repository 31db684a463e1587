// Empty replacements are entries of size zero, alone or back to back.
// entries: .altinstr_replacement=4
	.section .altinstr_replacement, "ax"
__ssym_r0:
__ssym_r1: .byte 0x0f, 0xae, 0xe8
__ssym_r2:
__ssym_r3: .byte 0x90
	.type __ssym_r0, @notype
	.size __ssym_r0, 0
	.type __ssym_r1, @notype
	.size __ssym_r1, 3
	.type __ssym_r2, @notype
	.size __ssym_r2, 0
	.type __ssym_r3, @notype
	.size __ssym_r3, 1
