// Entry symbols must stay local: global ones would clash at link time.
// expect: exit=1
// error: __ex_table+0xc: error: entry symbol e1 is global; entry symbols must be local
	.text
1:	nop
	.section __ex_table, "a"
e0:	.long 1b - ., 1b - ., 0
e1:	.long 1b - ., 1b - ., 0
	.globl e1
	.type e0, @object
	.size e0, 12
	.type e1, @object
	.size e1, 12
