// sh_entsize sections need no entry symbols: a whole number of entries is enough.
// entsize: .static_call_sites=8
	.section .static_call_sites, "a"
	.long 1, 2, 3, 4
