// Objects whose entries are a whole multiple of the alignment end aligned,
// so the linker never pads between them: a short zero run before an
// aligned entry there is a gap (here from a misplaced entry), not padding.
// expect: exit=1
// error: __jump_table+0x0: error: gap: 0x4 bytes covered by no entry symbol
// error: __jump_table+0x14: error: gap: 0x4 bytes covered by no entry symbol
	.section __jump_table, "aw"
	.balign 8
	.long 0
__ssym_j0: .long 0, 0, 0, 0
	.long 0
__ssym_j1: .long 0, 0, 0, 0
	.type __ssym_j0, @object
	.size __ssym_j0, 16
	.type __ssym_j1, @object
	.size __ssym_j1, 16
