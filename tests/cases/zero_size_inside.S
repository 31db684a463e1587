// A zero-size STT_OBJECT entry in the middle of another entry's bytes. (In
// a code section a zero-size STT_NOTYPE symbol there is a label: see
// label_inside_entry.S.)
// expect: exit=1
// error: .altinstr_aux+0x2: error: overlap: zero-size entry symbol a1 lies inside a0
// warning: .altinstr_aux+0x0: warning: entry symbol a0 is STT_OBJECT in a code section (2 of 2 entries)
	.section .altinstr_aux, "ax"
a0:	.fill 5, 1, 0x90
	.set a1, a0 + 2
	.type a0, @object
	.size a0, 5
	.type a1, @object
	.size a1, 0
