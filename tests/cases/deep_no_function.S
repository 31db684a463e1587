// --deep: exception table entries must describe code inside a function.
// flags: --deep
// expect: exit=1
// error: __ex_table+0xc: error: deep: code reference .text+0x1 lands in no function
// A compiler's output: its .file directive gives the object an STT_FILE.
	.file "deep_no_function.c"
	.text
	.type f, @function
f:	nop
	.size f, . - f
stray:	nop
	.section __ex_table, "a"
e0:	.long f - ., f - ., 0
e1:	.long stray - ., f - ., 0
	.type e0, @object
	.size e0, 12
	.type e1, @object
	.size e1, 12
