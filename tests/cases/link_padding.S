// ld -r aligns each object's input section: between the entries of two
// objects in vmlinux.o it may put fewer fill bytes than the section's
// alignment (i386's .altinstr_replacement is 16-aligned). .balign makes
// the same padding here, NOPs in code (long NOPs, i386 lea forms, or 0x90
// runs, depending on the assembler), zeros in data. Neither is a gap.
// entries: .altinstr_replacement=3 __ex_table=2
	.section .altinstr_replacement, "ax"
	.balign 16
__ssym_r0: .fill 15, 1, 0xcc
	.balign 16
__ssym_r1: .fill 9, 1, 0xcc
	.balign 16
__ssym_r2: ret
	.type __ssym_r0, @notype
	.size __ssym_r0, 15
	.type __ssym_r1, @notype
	.size __ssym_r1, 9
	.type __ssym_r2, @notype
	.size __ssym_r2, 1

	.section __ex_table, "a"
	.balign 16
__ssym_e0: .long 0, 0, 0
	.balign 16
__ssym_e1: .long 0, 0, 0
	.type __ssym_e0, @object
	.size __ssym_e0, 12
	.type __ssym_e1, @object
	.size __ssym_e1, 12
