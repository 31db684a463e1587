/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which vmlinux symbol a reference of the patched code means, and its
 * position as kallsyms counts it: the N of ".klp.sym.vmlinux.NAME,N".
 */
#ifndef SPECSYMS_SYMPOS_H
#define SPECSYMS_SYMPOS_H

#include <stddef.h>
#include <stdint.h>

#include "../elf/elf_view.h"

struct vmlinux_ref {
	const char *name;
	int local;		/* a local of the patched file, not a global */
	/* The answer. */
	int found;		/* vmlinux has it (for a local: in that file) */
	unsigned long pos;	/* 0 when the name is unique, else 1-based */
	uint64_t address;
};

/* The patched file, as the object compiled from it sees itself. */
struct patched_file {
	const char *name;	/* its STT_FILE symbol: "cmdline.c" */
	const char **locals;	/* the names of its defined locals, sorted */
	size_t nlocals;
};

/* How the file's symbols were found among vmlinux's STT_FILE groups. */
struct file_match {
	uint32_t groups;	/* STT_FILE symbols of vmlinux with that name */
	uint32_t best;		/* the group's STT_FILE symbol, 0 if none */
	uint64_t score;		/* the patched file's locals it holds */
	int tie;		/* another group holds as many */
};

/* The patched object's file name and locals; -1 when out of memory. */
int patched_file_read(struct patched_file *f, const struct elf_view *obj);
void patched_file_free(struct patched_file *f);
int patched_file_defines(const struct patched_file *f, const char *name);

/* How kallsyms counts the namesakes of a symbol: vmlinux's, a module's. */
enum sympos_order { BY_ADDRESS, BY_SYMBOL_TABLE };

/*
 * Answer refs[0..n) from the symbol table of vmlinux or a module in one
 * pass: a local is the symbol of that name in the patched file's STT_FILE
 * group (the one holding most of its locals), a global the global of that
 * name. 0, or -1 when out of memory.
 */
int sympos_resolve(const struct elf_view *object,
		   const struct patched_file *file, struct vmlinux_ref *refs,
		   size_t n, struct file_match *match, enum sympos_order order);

#endif
