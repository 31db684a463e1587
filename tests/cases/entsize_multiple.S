// objtool's tables announce their entry size in sh_entsize; the section
// must hold a whole number of entries.
// entsize: .orc_unwind=6
// expect: exit=1
// error: .orc_unwind+0x0: error: section size 0xa is not a multiple of sh_entsize 0x6
	.section .orc_unwind, "a"
	.byte 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
