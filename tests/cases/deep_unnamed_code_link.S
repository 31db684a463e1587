// In a relocatable link (more than one STT_FILE, like vmlinux.o) code with
// no symbol can be the body of a weak function that ld -r replaced: its
// entries stay, its symbol is gone. --deep names that cause in a warning;
// in a compiled object the same reference is an error (deep_no_function.S).
// flags: --deep
// warning: __ex_table+0xc: warning: deep: code reference .text+0x1 lands in no function but in unnamed code after f: in a relocatable link, the body of a weak function that another definition replaced
	.file "therm_throt.c"
	.text
	.type f, @function
f:	nop
	.size f, . - f
1:	nop
	.file "intel_pstate.c"
	.type g, @function
g:	nop
	.size g, . - g
	.section __ex_table, "a"
__ssym_e0: .long f - ., f - ., 0
__ssym_e1: .long 1b - ., f - ., 0
	.type __ssym_e0, @object
	.size __ssym_e0, 12
	.type __ssym_e1, @object
	.size __ssym_e1, 12
