// The middle entry lost its symbol.
// expect: exit=1
// error: __ex_table+0xc: error: gap: 0xc bytes
	.text
1:	nop
	.section __ex_table, "a"
e0:	.long 1b - ., 1b - ., 0
	.long 1b - ., 1b - ., 0
e2:	.long 1b - ., 1b - ., 0
	.type e0, @object
	.size e0, 12
	.type e2, @object
	.size e2, 12
