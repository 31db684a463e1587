// A policy section with bytes and no entry symbols at all.
// expect: exit=1
// error: __ex_table+0x0: error: not annotated: 0x18 bytes
	.text
1:	nop
	.section __ex_table, "a"
	.long 1b - ., 1b - ., 0
	.long 1b - ., 1b - ., 0
