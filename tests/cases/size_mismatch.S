// One entry of a fixed-size section is shorter than the rest.
// expect: exit=1
// error: __jump_table+0x18: error: entry size: j2 is 0x8 bytes, entries of __jump_table are 0xc
	.section __jump_table, "aw"
j0:	.long 0, 0, 0
j1:	.long 0, 0, 0
j2:	.long 0, 0
	.type j0, @object
	.size j0, 12
	.type j1, @object
	.size j1, 12
	.type j2, @object
	.size j2, 8
