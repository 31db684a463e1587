// Two symbols for one entry (what ld -r of one object twice would not do).
// expect: exit=1
// error: __ex_table+0x0: error: duplicate: entry symbols
	.text
1:	nop
	.section __ex_table, "a"
e0:	.long 1b - ., 1b - ., 0
e1:	.long 1b - ., 1b - ., 0
	.set e0_again, e0
	.type e0, @object
	.size e0, 12
	.type e0_again, @object
	.size e0_again, 12
	.type e1, @object
	.size e1, 12
