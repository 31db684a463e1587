// --section NAME=SIZE adds a fixed-size section to the policy.
// flags: --section mytab=8
// entries: mytab=3
	.section mytab, "a"
__ssym_t0: .long 1, 2
__ssym_t1: .long 3, 4
__ssym_t2: .long 5, 6
	.type __ssym_t0, @object
	.size __ssym_t0, 8
	.type __ssym_t1, @object
	.size __ssym_t1, 8
	.type __ssym_t2, @object
	.size __ssym_t2, 8
