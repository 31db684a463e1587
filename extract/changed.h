/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The functions a source patch changed: the object compiled with the
 * patch against the same source compiled without it, function by
 * function, code and relocations.
 */
#ifndef SPECSYMS_CHANGED_H
#define SPECSYMS_CHANGED_H

#include "../elf/options.h"
#include "../verify/check.h"

/*
 * Compare the functions of the patched object in with their namesakes in
 * the object at orig_path (the source without the patch, the same flags)
 * and append to *functions those whose bytes or relocations differ, a cold
 * part counting as its function's, and those orig lacks. The names point
 * into in's string table. Prints them on stdout ("IN: changed: a, b",
 * "IN: new: c") and warns of the functions only orig has: a livepatch
 * cannot remove a function. VERDICT_CLEAN when compared; VERDICT_UNUSABLE
 * when orig cannot be read, is no relocatable object of in's class and
 * machine, or memory ran out (diagnosed).
 */
enum verdict find_changed(const struct elf_view *in, const char *orig_path,
			  struct name_list *functions);

#endif
