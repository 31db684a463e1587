// Objects from before entries in code sections became STT_NOTYPE: they
// still verify, but objdump would print the replacement as data.
// warning: .altinstr_replacement+0x3: warning: entry symbol __ssym_r1 is STT_OBJECT in a code section (2 of 3 entries): disassemblers show its instructions as data; use STT_NOTYPE
// entries: .altinstr_replacement=3
	.section .altinstr_replacement, "ax"
__ssym_r0:	lfence
__ssym_r1:	mfence
__ssym_r2:	sfence
	.type __ssym_r0, @notype
	.size __ssym_r0, 3
	.type __ssym_r1, @object
	.size __ssym_r1, 3
	.type __ssym_r2, @object
	.size __ssym_r2, 3
