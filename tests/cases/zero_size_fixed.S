// A zero-size symbol is an empty replacement elsewhere, but an error here.
// expect: exit=1
// error: __ex_table+0xc: error: zero-size entry symbol e1 in a fixed-size section
	.text
1:	nop
	.section __ex_table, "a"
e0:	.long 1b - ., 1b - ., 0
e1:
	.type e0, @object
	.size e0, 12
	.type e1, @object
	.size e1, 0
