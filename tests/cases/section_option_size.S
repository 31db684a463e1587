// With --section NAME=SIZE the size is given: symbols that disagree are errors,
// even when they agree with each other.
// flags: --section mytab=8
// expect: exit=1
// error: mytab+0x0: error: entry size: t0 is 0xc bytes, entries of mytab are 0x8
	.section mytab, "a"
t0:	.long 1, 2, 3
t1:	.long 4, 5, 6
	.type t0, @object
	.size t0, 12
	.type t1, @object
	.size t1, 12
