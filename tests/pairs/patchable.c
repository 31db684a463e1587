// SPDX-License-Identifier: GPL-2.0
/*
 * One source and its patches: built as it is (the original) and once per
 * variant with the variant's -D (the patched object), by gcc and clang,
 * -m64 and -m32, with -ffunction-sections -fdata-sections -pg -mfentry as
 * the kernel's livepatch objects are built. tests/test_pairs.py wants
 * each variant's verdict, as written here:
 *
 *   changed NAMES    the functions to patch, exactly (exit 0)
 *   new NAMES        the new functions the module carries, exactly
 *   data NAMES       the new data objects the module carries, exactly
 *   bound F.S        F's static S is bound to the original's F.S: the output
 *                    refers to it by the original's name, undefined
 *   own F.S          F's static S is new: the output defines it
 *   refused LINE     exit 1, nothing written, this line on stderr
 *   module LINE      extraction passes, and so does klp_module resolve for
 *                    vmlinux; for a module it refuses (exit 1), this line
 *   nothing          exit 1: no function differs
 *   linked           run with --linked, the "module" below: the linked
 *                    object searched for other callers of a global function
 *
 * A name of the form {F.S} stands for F's static S, which gcc calls S.N
 * and clang F.S. "gcc:" or "clang:" before a verdict limits it to that
 * compiler. Each extraction that passes must resolve: for "vmlinux", the
 * original object linked with tests/pairs/world.c, which exports what
 * this line lists, and for "module", the original object linked (ld -r)
 * with tests/pairs/module_key.c, vmlinux being the same:
 *
 * exported: exported_key, report, lock_init, __fentry__
 *
 * variant same: nothing
 * variant replacement -DREPLACEMENT: changed alt_value
 * variant feature -DFEATURE: changed alt_value
 * variant aux_feature -DAUX_FEATURE: changed has_feature
 * variant jump_key -DJUMP_KEY: changed jump_branch
 * variant extable_type -DEXTABLE_TYPE: changed read_guarded
 * variant extable_fixup -DEXTABLE_FIXUP: changed read_guarded
 * variant bug_flags -DBUG_FLAGS: changed check_positive
 * variant code -DCODE: changed plain
 * variant data_value -DDATA_VALUE: refused changed data: limit: initial value differs
 * variant data_size -DDATA_SIZE: refused changed data: table: size 16 -> 32
 * variant local_value -DLOCAL_VALUE: refused changed data: {count_calls.calls}: initial value differs
 * variant renumber -DRENUMBER: changed count_calls; new counted_too; data {counted_too.calls}; bound count_calls.calls; own counted_too.calls
 * variant new_global -DNEW_GLOBAL: changed plain; new new_helper; data new_total
 * variant once -DONCE: changed warn_once_user; data {warn_once_user.__already_done}; own warn_once_user.__already_done
 * variant empty_key -DEMPTY_KEY: changed lock_setup; data {lock_setup.__key}, {lock_setup.setups}; own lock_setup.__key; own lock_setup.setups; bound lock_setup.class_key
 * variant clone -DCLONE: gcc: changed scale.constprop.0; clang: changed scale
 * variant unique_ids -DUNIQUE_IDS: nothing
 * variant init -DINIT: refused cannot patch: setup_early: in .init.text, which the kernel frees after boot
 * variant notrace -DNOTRACE: refused cannot patch: untraced: it has no ftrace entry call, and it is global: callers outside the rebuilt objects cannot be ruled out
 * variant untraced_static -DUNTRACED_STATIC: changed step_up, step_down; new quiet_step
 * variant untraced_chain -DUNTRACED_CHAIN: changed chain_entry; new inner_step, outer_step
 * variant untraced_cycle -DUNTRACED_CYCLE: changed cycle_entry; new ping_step, pong_step
 * variant untraced_address -DUNTRACED_ADDRESS: refused cannot patch: hooked_step: it has no ftrace entry call, and its address is taken in .data.step_hook
 * variant untraced_init_caller -DUNTRACED_INIT_CALLER: refused cannot patch: early_step: it has no ftrace entry call, and boot_steps, which calls it, is in .init.text, which the kernel frees after boot
 * variant untraced_global_caller -DUNTRACED_GLOBAL_CALLER: refused cannot patch: lone_user: it has no ftrace entry call and calls lone_step, which changes, and it is global: callers outside the rebuilt objects cannot be ruled out
 * variant untraced_global -DUNTRACED_GLOBAL: refused cannot patch: own_step: it has no ftrace entry call, and it is global: callers outside the rebuilt objects cannot be ruled out
 * variant untraced_global_linked -DUNTRACED_GLOBAL: linked; changed own_user, own_twice; new own_step
 * variant untraced_global_elsewhere -DUNTRACED_ELSEWHERE: linked; refused cannot patch: shared_step: it has no ftrace entry call, and key_step in module_key.c (not rebuilt) calls it
 * variant hidden_key -DHIDDEN_KEY: changed hidden_branch; module hidden_branch: an entry of its code refers to hidden_key in module
 */
#include "kernel_like.h"

extern int report(const char *fmt, ...);
extern char exported_key[], other_key[], hidden_key[];
extern int feature_word;

/* ALTERNATIVE() whose replacement or feature bit the patch changes. */
int alt_value(void)
{
	int v;

#if defined(REPLACEMENT)
	__asm__ volatile(ALTERNATIVE("movl $1, %0", "movl $5, %0", 3) : "=r"(v));
#elif defined(FEATURE)
	__asm__ volatile(ALTERNATIVE("movl $1, %0", "movl $2, %0", 4) : "=r"(v));
#else
	__asm__ volatile(ALTERNATIVE("movl $1, %0", "movl $2, %0", 3) : "=r"(v));
#endif
	return v;
}

/* _static_cpu_has(): the code jumps into an .altinstr_aux stub. */
#ifdef AUX_FEATURE
#define AUX_BYTE "feature_word+1"
#else
#define AUX_BYTE "feature_word"
#endif
int has_feature(void)
{
	__asm__ goto("1: jmp 6f\n"
		     ".pushsection .altinstr_aux,\"ax\"\n"
		     SPECIAL_SYM_LABEL(7774) "6: testb $1, " AUX_BYTE "\n"
		     " jnz %l[yes]\n"
		     " jmp 2f\n"
		     SPECIAL_SYM_CODE_POPSECTION(7774b) "\n"
		     "2:\n"
		     : : : : yes);
	return 0;
yes:
	return 1;
}

/* A static branch; the patch names another key. */
#ifdef JUMP_KEY
#define BRANCH_KEY "other_key"
#else
#define BRANCH_KEY "exported_key"
#endif
int jump_branch(void)
{
	__asm__ goto("1: .byte 0x0f,0x1f,0x44,0x00,0x00\n\t"
		     JUMP_TABLE_ENTRY(BRANCH_KEY, "%l[yes]")
		     : : : : yes);
	return 0;
yes:
	return 1;
}

/*
 * A static branch on a key vmlinux does not export: livepatch resolves it
 * as the module loads, before its entries are applied. A module's key is
 * resolved when that module loads, which may be after.
 */
int hidden_branch(void)
{
#ifdef HIDDEN_KEY
	__asm__ goto("1: .byte 0x0f,0x1f,0x44,0x00,0x00\n\t"
		     JUMP_TABLE_ENTRY("hidden_key", "%l[yes]")
		     : : : : yes);
	return 0;
yes:
#endif
	return 1;
}

/* An exception table entry with a handler type; the patch changes it. */
#ifdef EXTABLE_TYPE
#define EX_TYPE "4"
#else
#define EX_TYPE "3"
#endif
#define EXTABLE_TYPE_ENTRY(from, to)					\
	" .pushsection \"__ex_table\",\"a\"\n"				\
	" .balign 4\n"							\
	SPECIAL_SYM_LABEL(7770) " .long (" #from ") - .\n"		\
	" .long (" #to ") - .\n"					\
	" .long " EX_TYPE "\n"						\
	" " SPECIAL_SYM_POPSECTION(7770b) "\n"

int read_guarded(const int *p)
{
	int v = -14;

#ifdef EXTABLE_FIXUP
	/* The same code; the fault resumes one instruction later. */
	__asm__ volatile("1: movl (%1), %0\n"
			 "2: nop\n"
			 "3:\n"
			 EXTABLE_TYPE_ENTRY(1b, 3b)
			 : "+r"(v) : "r"(p));
#else
	__asm__ volatile("1: movl (%1), %0\n"
			 "2: nop\n"
			 "3:\n"
			 EXTABLE_TYPE_ENTRY(1b, 2b)
			 : "+r"(v) : "r"(p));
#endif
	return v;
}

/* A bug table entry whose flags the patch changes (WARN to WARN_ONCE). */
#ifdef BUG_FLAGS
#define BUG_FLAG_WORD "3"
#else
#define BUG_FLAG_WORD "1"
#endif
int check_positive(int x)
{
	if (x < 0)
		__asm__ volatile("1:\tud2\n"
				 ".pushsection __bug_table,\"aw\"\n"
				 "2:\t.long 1b - .\n"
				 "\t.long %c0 - .\n"
				 "\t.word 77\n"
				 "\t.word " BUG_FLAG_WORD "\n"
				 "\t.org 2b+12\n"
				 SPECIAL_SYM_POPSECTION(2b) "\n"
				 : : "i" ("tests/pairs/patchable.c"));
	return x * 2;
}

int plain(int x)
{
#if defined(CODE)
	return x * 3;
#elif defined(NEW_GLOBAL)
	extern int new_helper(int x);

	return new_helper(x);
#else
	return x * 2;
#endif
}

#ifdef NEW_GLOBAL
int new_total;

__attribute__((noinline)) int new_helper(int x)
{
	new_total += x;
	return new_total;
}
#endif

/* Existing data the patch must not change. */
#ifdef DATA_VALUE
static int limit = 20;
#else
static int limit = 10;
#endif
#ifdef DATA_SIZE
static int table[8];
#else
static int table[4];
#endif

int use_limit(int x)
{
	return x > limit ? limit : x;
}

void set_limit(int x)
{
	limit = x;
}

int use_table(int i)
{
	table[i & 3]++;
	return table[(i + 1) & 3];
}

/*
 * Function-local statics: gcc numbers them through the file, the last
 * one first, so a new function with a static of the same name placed
 * after count_calls() takes the number count_calls()'s had.
 */
int count_calls(void)
{
#ifdef LOCAL_VALUE
	static int calls = 2;
#else
	static int calls = 1;
#endif
#ifdef RENUMBER
	calls += 2;
#else
	calls++;
#endif
	return calls;
}

#ifdef RENUMBER
int counted_too(void)
{
	static int calls;

	return ++calls;
}
#endif

/* A per-call-site flag (WARN_ONCE()'s __already_done): duplicated. */
int warn_once_user(int x)
{
	static char __already_done;

	if (x > 100 && !__already_done) {
		__already_done = 1;
#ifdef ONCE
		report("warn_once_user: %d is much\n", x);
#else
		report("warn_once_user: %d\n", x);
#endif
	}
	return x;
}

/*
 * Lockdep class keys, as spin_lock_init() and init_completion() make them:
 * without CONFIG_LOCKDEP an empty struct, a data object of size 0. The
 * patch adds a counter beside them, which renumbers them. __key is
 * per call site (copied); class_key is one class for every lock set up
 * here, the running kernel's (bound).
 */
struct lock_class_key { };
extern void lock_init(int *lock, const char *name, struct lock_class_key *key);
#define spin_lock_init(lock)						\
	do {								\
		static struct lock_class_key __key;			\
									\
		lock_init((lock), #lock, &__key);			\
	} while (0)

int lock_setup(int *lock, int *other)
{
	static struct lock_class_key class_key;
#ifdef EMPTY_KEY
	static int setups;
#endif

	spin_lock_init(lock);
	lock_init(other, "other", &class_key);
#ifdef EMPTY_KEY
	return ++setups;
#else
	return 0;
#endif
}

/* gcc clones scale() for its constant factor: scale.constprop.0. */
static __attribute__((noinline)) int scale(int x, int factor)
{
#ifdef CLONE
	return x * factor + 1;
#else
	return x * factor;
#endif
}

int scale_a(int x)
{
	return scale(x, 3);
}

int scale_b(int x)
{
	return scale(x + 1, 3);
}

__attribute__((section(".init.text"))) int setup_early(int x)
{
#ifdef INIT
	return x + 2;
#else
	return x + 1;
#endif
}

__attribute__((no_instrument_function)) int untraced(int x)
{
#ifdef NOTRACE
	return x - 2;
#else
	return x - 1;
#endif
}

/*
 * Functions without an ftrace entry call (the kernel's notrace, and its
 * inline, which implies it, where gcc keeps one out of line): livepatch
 * cannot redirect them, so a changed one is carried as new code and its
 * callers are patched. quiet_step() has two traced callers.
 */
#define notrace __attribute__((no_instrument_function))
#define noinline __attribute__((noinline))

static notrace noinline int quiet_step(int x, int by)
{
#ifdef UNTRACED_STATIC
	return x + by + 1;
#else
	return x + by;
#endif
}

int step_up(int x)
{
	return quiet_step(x, x & 7) * 2;
}

int step_down(int x)
{
	return quiet_step(x, -(x & 3)) * 3;
}

/* A chain: inner_step() is called by outer_step(), untraced as well. */
static notrace noinline int inner_step(int x, int by)
{
#ifdef UNTRACED_CHAIN
	return x * by + 1;
#else
	return x * by;
#endif
}

static notrace noinline int outer_step(int x, int by)
{
	return inner_step(x ^ by, by + x) + 5;
}

int chain_entry(int x)
{
	return outer_step(x, x >> 2) * 3;
}

/* A cycle: ping_step() and pong_step() call each other. */
static notrace noinline int pong_step(int x, int by);

static notrace noinline int ping_step(int x, int by)
{
#ifdef UNTRACED_CYCLE
	if (x > 1000)
#else
	if (x > 100)
#endif
		return pong_step(x / 3, by);
	return x + by;
}

static notrace noinline int pong_step(int x, int by)
{
	return ping_step(x - by, by + 1) ^ x;
}

int cycle_entry(int x)
{
	return ping_step(x, x & 15) - 1;
}

/* The running kernel reaches hooked_step() through step_hook too. */
static notrace noinline int hooked_step(int x, int by)
{
#ifdef UNTRACED_ADDRESS
	return x - by - 1;
#else
	return x - by;
#endif
}

int (*step_hook)(int, int) = hooked_step;

int hook_caller(int x)
{
	return hooked_step(x, x >> 1) + 1;
}

/* Called only by init code, which is gone when a livepatch loads. */
static notrace noinline int early_step(int x, int by)
{
#ifdef UNTRACED_INIT_CALLER
	return x | by | 1;
#else
	return x | by;
#endif
}

__attribute__((section(".init.text"))) int boot_steps(int x)
{
	return early_step(x, x << 1) + 1;
}

/* Its caller is untraced and global: who calls that, no one can say. */
static notrace noinline int lone_step(int x, int by)
{
#ifdef UNTRACED_GLOBAL_CALLER
	return x & (by + 1);
#else
	return x & by;
#endif
}

notrace int lone_user(int x)
{
	return lone_step(x, x >> 3) + 2;
}

/*
 * Global and untraced: own_step() is called by this file's own_user() and
 * own_twice() alone, as the linked object shows; shared_step() by
 * tests/pairs/module_key.c as well.
 */
notrace noinline int own_step(int x, int by)
{
#ifdef UNTRACED_GLOBAL
	return (x ^ by) + 1;
#else
	return x ^ by;
#endif
}

static noinline int own_twice(int x)
{
	return own_step(own_step(x, 1), x);
}

int own_user(int x)
{
	return own_step(x, x >> 4) + own_twice(x + 3);
}

notrace noinline int shared_step(int x, int by)
{
#ifdef UNTRACED_ELSEWHERE
	return (x + 7) * by;
#else
	return (x + 6) * by;
#endif
}

int shared_user(int x)
{
	return shared_step(x, x >> 5) + 4;
}

/*
 * What the kernel's __UNIQUE_ID() names (module aliases in .modinfo) is
 * numbered by __COUNTER__: one more before them renames all that follow,
 * and __UNIQUE_ID_alias1 is another string than it was. They are compared
 * without their numbers, as constants of what uses them.
 */
#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)
#define UNIQUE_ID(name) __PASTE(__UNIQUE_ID_##name, __COUNTER__)
#ifdef UNIQUE_IDS
static const char UNIQUE_ID(alias)[] __attribute__((used, section(".modinfo"))) = "alias=new";
#endif
static const char UNIQUE_ID(alias)[] __attribute__((used, section(".modinfo"))) = "alias=a";
static const char UNIQUE_ID(alias)[] __attribute__((used, section(".modinfo"))) = "alias=bb";
