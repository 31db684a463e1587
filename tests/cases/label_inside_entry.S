// Labels in a replacement's code are not entries: a zero-size STT_NOTYPE
// symbol strictly inside a sized entry names a place in that entry's code
// (here a jump target), and a non-local STT_NOTYPE symbol names a place
// for other code. An empty replacement is a zero-size symbol at an entry
// boundary, and stays an entry.
// entries: .altinstr_replacement=3
	.section .altinstr_replacement, "ax"
__ssym_r0:
	jmp retry
	nop
retry:
	ret
__ssym_r1:
__ssym_r2:
	.globl shared_label
shared_label:
	lfence
	.type __ssym_r0, @notype
	.size __ssym_r0, __ssym_r1 - __ssym_r0
	.type __ssym_r1, @notype
	.size __ssym_r1, 0
	.type __ssym_r2, @notype
	.size __ssym_r2, 3
