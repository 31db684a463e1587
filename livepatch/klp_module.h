/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klp_module: the two steps of making a livepatch module that need ELF
 * written. Exit statuses as the other tools': 0 done, 1 the input cannot
 * be made into what is asked (diagnosed), 2 usage error, unreadable or
 * malformed input, output not writable.
 */
#ifndef SPECSYMS_KLP_MODULE_H
#define SPECSYMS_KLP_MODULE_H

#include <elf.h>

#include "../elf/options.h"

/* The kernel's own livepatch object name; a module's is its name. */
#define KLP_VMLINUX	"vmlinux"

#define KLP_SYM_PREFIX	".klp.sym."
#define KLP_RELA_PREFIX	".klp.rela."

#ifndef SHF_RELA_LIVEPATCH
#define SHF_RELA_LIVEPATCH	0x00100000
#endif
#ifndef SHN_LIVEPATCH
#define SHN_LIVEPATCH		0xff20
#endif

struct resolve_request {
	const char *in, *out, *orig, *vmlinux, *symvers, *klp_symvers;
	const char *object, *object_elf;	/* a module, and its .ko */
	const char *glue, *alias_prefix;
	struct name_list provided, patch;
};

/*
 * resolve: the object extract_special_syms cut out of the patched object
 * (orig: the same source compiled without the patch), made ready for the
 * module's link, for vmlinux or the module object. Its references to what
 * is exported, or provided by other parts of the module, stay; the others
 * become ".klp.sym.OBJ.NAME,POS", still undefined (modpost learns them
 * from the klp_symvers file); an entry that would refer to one is
 * refused. Each function to patch gets a global alias for the glue, whose
 * lines ("func OBJECT OLD_NAME POS ALIAS") go to glue.
 */
int resolve(const struct resolve_request *r);

/*
 * convert: after the module's link, its ".klp.sym." symbols go into
 * SHN_LIVEPATCH and their relocations into ".klp.rela.OBJ.SECTION"
 * sections (SHF_ALLOC | SHF_RELA_LIVEPATCH), as
 * Documentation/livepatch/module-elf-format.rst says.
 */
int convert(const char *in, const char *out);

#endif
