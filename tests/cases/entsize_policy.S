// In a policy section sh_entsize, when set, is the entry size.
// entsize: .altinstructions=16
// expect: exit=1
// error: .altinstructions+0x0: error: entry size: a0 is 0xe bytes, entries of .altinstructions are 0x10
	.section .altinstructions, "a"
a0:	.fill 14, 1, 0
a1:	.fill 14, 1, 0
	.type a0, @object
	.size a0, 14
	.type a1, @object
	.size a1, 14
