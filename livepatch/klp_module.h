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
	const char *renames;			/* convert */
	struct name_list provided, patch;
	/* "SECTION:WIDTH:VARIABLE": a table the glue applies at load. */
	struct name_list at_load;
	/* Names the glue refers to, answered as a reference of IN would be. */
	struct name_list bind;
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
 *
 * A table of IN the glue applies itself when the module loads (at_load:
 * its SECTION, the WIDTH word the glue acts on, and the VARIABLE whose
 * running value it writes) gets global symbols at its start and end, and
 * the line "at-load OBJECT WIDTH START STOP REF", REF being what the
 * glue must call VARIABLE: its name if exported, else its livepatch
 * symbol. Each bind name gets "bind OBJECT NAME REF" the same way.
 */
int resolve(const struct resolve_request *r);

/*
 * convert: after the module's link, its ".klp.sym." symbols go into
 * SHN_LIVEPATCH and their relocations into ".klp.rela.OBJ.SECTION"
 * sections (SHF_ALLOC | SHF_RELA_LIVEPATCH), as
 * Documentation/livepatch/module-elf-format.rst says. renames, when set,
 * is a file of "OLD NEW" lines: the undefined symbol OLD (a name C code
 * can spell, which the glue uses) is NEW (a livepatch symbol's, which it
 * cannot) before that.
 */
int convert(const char *in, const char *out, const char *renames);

#endif
