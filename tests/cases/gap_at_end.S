// The last entry lost its symbol: the gap runs to the section end.
// expect: exit=1
// error: __bug_table+0xc: error: gap: 0xc bytes
	.text
1:	ud2
	.section __bug_table, "aw"
e0:	.long 1b - ., 0
	.word 1, 0
	.long 1b - ., 0
	.word 2, 0
	.type e0, @object
	.size e0, 12
