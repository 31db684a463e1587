// --deep: assembler output (no STT_FILE) may hold code under a label local
// to the assembler, which gives no symbol (Linux 6.1's copy_user_64.S:
// SYM_CODE_START_LOCAL(.Lcopy_user_handle_tail)): an exception table
// entry for it is named in a warning, not an error.
// flags: --deep
// expect: exit=0
// warning: __ex_table+0xc: warning: deep: code reference .text+0x1 lands in no function but in unnamed code after f: in assembler output, code under a label local to the assembler (.L)
// entries: __ex_table=2
	.text
	.type f, @function
f:	nop
	.size f, . - f
.Lhandle_tail:
	nop
	.section __ex_table, "a"
__ssym_e0: .long f - ., f - ., 0
__ssym_e1: .long .Lhandle_tail - ., f - ., 0
	.type __ssym_e0, @object
	.size __ssym_e0, 12
	.type __ssym_e1, @object
	.size __ssym_e1, 12
