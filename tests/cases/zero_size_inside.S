// A zero-size entry in the middle of another entry's bytes.
// expect: exit=1
// error: .altinstr_aux+0x2: error: overlap: zero-size entry symbol a1 lies inside a0
	.section .altinstr_aux, "ax"
a0:	.fill 5, 1, 0x90
	.set a1, a0 + 2
	.type a0, @object
	.size a0, 5
	.type a1, @object
	.size a1, 0
