// The tables the policy names besides the struct arrays, each with bytes
// and no entry symbols: every row must name its section (runtime constants
// by prefix, one section per variable).
// expect: exit=1
// error: .smp_locks+0x0: error: not annotated: 0x8 bytes
// error: runtime_ptr_table_base+0x0: error: not annotated: 0x4 bytes
// error: runtime_shift_table_shift+0x0: error: not annotated: 0x4 bytes
// error: _kprobe_blacklist+0x0: error: not annotated: 0x4 bytes
// error: .tracedata+0x0: error: not annotated: 0x6 bytes
// error: .discard.func_stack_frame_non_standard+0x0: error: not annotated: 0x4 bytes
// error: .parainstructions+0x0: error: not annotated: 0x8 bytes
	.text
f:	lock; incl (%eax)
	lock; incl (%eax)
1:	nop
	.pushsection .smp_locks, "a"
	.long f - ., f + 3 - .
	.popsection
	.pushsection runtime_ptr_table_base, "a"
	.long 1b - .
	.popsection
	.pushsection runtime_shift_table_shift, "a"
	.long 1b - .
	.popsection
	.pushsection _kprobe_blacklist, "aw"
	.long f
	.popsection
	.pushsection .tracedata, "a"
	.word 12
	.long f
	.popsection
	.pushsection .discard.func_stack_frame_non_standard, "aw"
	.long f - .
	.popsection
	.pushsection .parainstructions, "a"
	.long f
	.byte 3, 1
	.short 1
	.popsection
