// Where an sh_entsize section does carry entry symbols, they must tile it
// and have the announced size.
// entsize: .return_sites=4
// expect: exit=1
// error: .return_sites+0x4: error: gap: 0x4 bytes
// error: .return_sites+0x8: error: entry size: s2 is 0x8 bytes, entries of .return_sites are 0x4
	.section .return_sites, "a"
s0:	.long 0
	.long 0
s2:	.long 0, 0
	.type s0, @object
	.size s0, 4
	.type s2, @object
	.size s2, 8
