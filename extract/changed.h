/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a source patch changed, and what a livepatch of it must carry: the
 * object compiled with the patch against the same source compiled without
 * it, function by function (code and entries) and data object by data
 * object.
 */
#ifndef SPECSYMS_CHANGED_H
#define SPECSYMS_CHANGED_H

#include "../elf/options.h"
#include "../verify/check.h"

struct change_set {
	struct name_list patch;		/* changed: livepatch redirects them */
	struct name_list functions;	/* roots: those and new global functions */
	struct name_list data;		/* roots: new global data objects */
	/* Per symbol of the patched object: */
	unsigned char *carry;		/* new: comes along once reached */
	char **rename;			/* the original's name for it, or NULL */
};

/*
 * Compare the patched object in with the original at orig_path (its
 * source without the patch, the same flags) and fill *cs. Names point
 * into in's string table. A changed function without an ftrace entry
 * call is carried as new and its callers patched; for a global one, the
 * linked objects (vmlinux.o, a module's .ko: the running kernel's code,
 * relocations kept) are searched for callers elsewhere, and without them
 * it is refused. Refusals are printed one per line, "IN: KIND: NAME:
 * why" (changed data, cannot patch), and give VERDICT_VIOLATIONS; a
 * function only orig has is a warning. VERDICT_UNUSABLE when orig or a
 * linked object cannot be read, orig is no relocatable object of in's
 * class and machine, either does not verify clean, or memory ran out
 * (diagnosed).
 */
enum verdict find_changed(const struct checked_file *in, const char *orig_path,
			  const struct name_list *linked, struct change_set *cs);
void change_set_free(struct change_set *cs, uint32_t nsyms);

/*
 * After the extraction: code copied as new must outlive the module's
 * loading; a function of an init or exit section is refused.
 */
enum verdict check_copied(const struct elf_view *in,
			  const struct name_list *functions);

#endif
