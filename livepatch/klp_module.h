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

/* The object livepatch symbols and relocation sections here belong to. */
#define KLP_OBJECT	"vmlinux"

#define KLP_SYM_PREFIX	".klp.sym."
#define KLP_RELA_PREFIX	".klp.rela."

#ifndef SHF_RELA_LIVEPATCH
#define SHF_RELA_LIVEPATCH	0x00100000
#endif
#ifndef SHN_LIVEPATCH
#define SHN_LIVEPATCH		0xff20
#endif

struct resolve_request {
	const char *in, *out, *patched, *vmlinux, *symvers, *klp_symvers;
	struct name_list globals;
	int list_new;
};

/*
 * resolve: the object extract_special_syms cut out of the patched object,
 * made ready for the module's link. Its references to what vmlinux
 * exports stay; the others become ".klp.sym.vmlinux.NAME,POS", still
 * undefined (modpost learns them from the klp_symvers file), and the
 * named functions become global, for the module's C code to refer to.
 * A local that vmlinux lacks is new: list_new lists them for extraction.
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
