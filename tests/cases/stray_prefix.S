// The reserved prefix on a symbol outside every checked section is suspicious,
// but not an error.
// expect: exit=0
// warning: __ssym_stray has the reserved prefix
	.data
__ssym_stray:
	.long 0
	.type __ssym_stray, @object
	.size __ssym_stray, 4
