/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a source patch for a livepatch module may use beyond ordinary
 * kernel code. The names are those upstream's klp-build gives patch
 * authors, so that a patch written for it builds unchanged with any
 * builder that reads the patched objects the same way:
 *
 *   KLP_PRE_PATCH_CALLBACK(fn)      int fn(struct klp_object *obj), run
 *   KLP_POST_PATCH_CALLBACK(fn)     before or after the object is patched
 *   KLP_PRE_UNPATCH_CALLBACK(fn)    or unpatched; the object is the one
 *   KLP_POST_UNPATCH_CALLBACK(fn)   the patched file belongs to (vmlinux
 *                                   or its module)
 *   KLP_SYSCALL_DEFINE1..6          SYSCALL_DEFINE1..6 for a syscall the
 *                                   patch changes
 *   KLP_STATIC_CALL(name)           static_call(name) for a key that
 *                                   vmlinux does not export
 *
 * A callback is a new global pointer of the patched object, named after
 * its kind and object; the livepatch module's builder finds it there and
 * puts the function into the klp_object's callbacks. The pointer is never
 * called through where the file is built as part of the kernel.
 */
#ifndef _LINUX_LIVEPATCH_HELPERS_H
#define _LINUX_LIVEPATCH_HELPERS_H

#include <linux/compiler.h>
#include <linux/livepatch.h>
#include <linux/static_call.h>
#include <linux/syscalls.h>

#ifdef MODULE
#define KLP_OBJNAME __KBUILD_MODNAME
#else
#define KLP_OBJNAME vmlinux
#endif

typedef int (*klp_pre_patch_t)(struct klp_object *obj);
typedef void (*klp_post_patch_t)(struct klp_object *obj);
typedef void (*klp_pre_unpatch_t)(struct klp_object *obj);
typedef void (*klp_post_unpatch_t)(struct klp_object *obj);

#define KLP_PRE_PATCH_CALLBACK(func)					\
	int (* const __used __PASTE(__klp_pre_patch_callback_, KLP_OBJNAME))	\
		(struct klp_object *obj) = func
#define KLP_POST_PATCH_CALLBACK(func)					\
	void (* const __used __PASTE(__klp_post_patch_callback_, KLP_OBJNAME)) \
		(struct klp_object *obj) = func
#define KLP_PRE_UNPATCH_CALLBACK(func)					\
	void (* const __used __PASTE(__klp_pre_unpatch_callback_, KLP_OBJNAME)) \
		(struct klp_object *obj) = func
#define KLP_POST_UNPATCH_CALLBACK(func)					\
	void (* const __used __PASTE(__klp_post_unpatch_callback_, KLP_OBJNAME)) \
		(struct klp_object *obj) = func

/*
 * static_call(name) through the key's function pointer: an indirect call,
 * an ordinary reference to the key, where a patch cannot use the static
 * call itself (a key that is not exported).
 */
#define KLP_STATIC_CALL(name)						\
	((typeof(STATIC_CALL_TRAMP(name)) *)(STATIC_CALL_KEY(name).func))

/*
 * SYSCALL_DEFINEx() puts the body into a static inline __do_sys_NAME(),
 * which the kernel's "inline" makes notrace, so livepatch cannot redirect
 * it. The patched syscall's body goes into __klp_do_sys_NAME() instead:
 * its wrappers, which can be redirected, then call other code than the
 * running ones and are patched in its place.
 */
#define KLP_SYSCALL_DEFINE1(name, ...) KLP_SYSCALL_DEFINEx(1, _##name, __VA_ARGS__)
#define KLP_SYSCALL_DEFINE2(name, ...) KLP_SYSCALL_DEFINEx(2, _##name, __VA_ARGS__)
#define KLP_SYSCALL_DEFINE3(name, ...) KLP_SYSCALL_DEFINEx(3, _##name, __VA_ARGS__)
#define KLP_SYSCALL_DEFINE4(name, ...) KLP_SYSCALL_DEFINEx(4, _##name, __VA_ARGS__)
#define KLP_SYSCALL_DEFINE5(name, ...) KLP_SYSCALL_DEFINEx(5, _##name, __VA_ARGS__)
#define KLP_SYSCALL_DEFINE6(name, ...) KLP_SYSCALL_DEFINEx(6, _##name, __VA_ARGS__)

#define KLP_SYSCALL_DEFINEx(x, sname, ...)				\
	__KLP_SYSCALL_DEFINEx(x, sname, __VA_ARGS__)

#ifdef CONFIG_X86_64
#define __KLP_SYSCALL_DEFINEx(x, name, ...)				\
	static long __se_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__));	\
	static inline long __klp_do_sys##name(__MAP(x, __SC_DECL, __VA_ARGS__)); \
	__X64_SYS_STUBx(x, name, __VA_ARGS__)				\
	__IA32_SYS_STUBx(x, name, __VA_ARGS__)				\
	static long __se_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__))	\
	{								\
		long ret = __klp_do_sys##name(__MAP(x, __SC_CAST, __VA_ARGS__)); \
		__MAP(x, __SC_TEST, __VA_ARGS__);			\
		__PROTECT(x, ret, __MAP(x, __SC_ARGS, __VA_ARGS__));	\
		return ret;						\
	}								\
	static inline long __klp_do_sys##name(__MAP(x, __SC_DECL, __VA_ARGS__))
#endif

#endif /* _LINUX_LIVEPATCH_HELPERS_H */
