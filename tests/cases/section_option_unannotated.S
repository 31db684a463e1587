// Without --section the table is not checked; with it, it must be annotated.
// flags: --section=mytab
// expect: exit=1
// error: mytab+0x0: error: not annotated: 0x8 bytes
	.section mytab, "a"
	.long 1, 2
