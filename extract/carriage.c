// SPDX-License-Identifier: GPL-2.0
/*
 * The carriage table: for each section of an object that points into a
 * function a livepatch copies, what the module does with it, and why.
 * The first row that names a section decides it. Rows go by section name
 * and meaning, never by layout: a table's units are its entry symbols,
 * its sh_entsize slices or its relocations, as the verifier and
 * places.c cut them. A section no row names is refused: a table a new
 * kernel adds must be thought about before a module leaves it behind.
 *
 * "Dropped" is safe when what the section holds belongs to where
 * something is defined (an export: the running kernel exports the
 * original, and livepatch redirects that), is read only at boot or at
 * unload, or keeps pointing at the original, which livepatch redirects.
 *
 * Each row also says whether the running kernel follows what the section
 * holds into the function (FOLLOWED: a function pointer, an export, a
 * table read at a module's loading or a device's hotplug): a changed
 * function livepatch cannot redirect, which a module carries as new code
 * and reaches through its patched callers, must have no such way in.
 */
#include <elf.h>
#include <fnmatch.h>
#include <stddef.h>
#include <string.h>

#include "carriage.h"

static const char variables[] =
	"variables: the running kernel's keep pointing at the original function, which livepatch redirects to the copy";
static const char export[] =
	"an export belongs to the definition: the running kernel exports the original, which livepatch redirects";
static const char objtool[] =
	"objtool's table, here without the sh_entsize that cuts it into entries: objtool makes the module's own from its code, at the module's link or on its parts";
static const char boot[] =
	"read once, at boot or at unload: the livepatch changes what runs after it loads";

static const struct carriage_rule rows[] = {
	/* Tables the module itself must apply. */
	{ BY_NAME, "runtime_ptr_*", CARRIED_AT_LOAD, NOT_FOLLOWED, 0, "long",
	  "runtime constants: boot code writes the variable's value into each immediate, and only for vmlinux; the module's glue writes the running value into its copies before the patch is enabled" },
	{ BY_NAME, "runtime_shift_*", CARRIED_AT_LOAD, NOT_FOLLOWED, 0, "byte",
	  "runtime constants (shift counts), as runtime_ptr_*" },

	/* Tables the module loader reads, cut by their relocations. */
	{ BY_NAME, "__mcount_loc", CARRIED, NOT_FOLLOWED, 1, NULL,
	  "ftrace's list of entry calls: the module loader turns the copy's into a NOP that ftrace can trace, as it does the original's" },

	/* Belongs to where something is defined. */
	{ BY_NAME, ".export_symbol", DROPPED, FOLLOWED, 0, NULL, export },
	{ BY_NAME, "__ksymtab*", DROPPED, FOLLOWED, 0, NULL, export },
	/* Before 6.12's .export_symbol: a section per export, ___ksymtab_gpl+NAME. */
	{ BY_NAME, "___ksymtab*+*", DROPPED, FOLLOWED, 0, NULL, export },
	{ BY_NAME, "__tracepoints", DROPPED, FOLLOWED, 0, NULL,
	  "a tracepoint's definition: the running kernel's, with its iterator and probe stub" },
	{ BY_NAME, "__tracepoints_ptrs", DROPPED, FOLLOWED, 0, NULL,
	  "a tracepoint's registration, the running kernel's" },
	{ BY_NAME, "__bpf_raw_tp_map", DROPPED, FOLLOWED, 0, NULL,
	  "a trace event's BPF registration, the running kernel's" },
	{ BY_NAME, ".static_call_tramp_key", DROPPED, FOLLOWED, 0, NULL,
	  "the key of a static call's trampoline: the trampoline is the running kernel's" },
	{ BY_NAME, "__*_sched_class", DROPPED, FOLLOWED, 0, NULL, variables },
	{ BY_NAME, ".discard.addressable", DROPPED, NOT_FOLLOWED, 0, NULL,
	  "keeps a symbol referenced for the compiler; every final link discards it" },
	{ BY_NAME, "_error_injection_whitelist", DROPPED, NOT_FOLLOWED, 0, NULL,
	  "functions a test may make fail (BPF override, fail_function): the copy is left out of testing, never out of its work" },
	{ BY_NAME, "__patchable_function_entries", DROPPED, NOT_FOLLOWED, 0, NULL,
	  "the compiler's list of the padding before functions: x86's ftrace reads __mcount_loc, nothing reads this list" },

	/* Read at boot, or at unload. */
	{ BY_NAME, ".initcall*", DROPPED, FOLLOWED, 0, NULL, boot },
	{ BY_NAME, ".con_initcall.init", DROPPED, FOLLOWED, 0, NULL, boot },
	{ BY_NAME, ".exitcall.exit", DROPPED, FOLLOWED, 0, NULL, boot },
	{ BY_NAME, ".init.setup", DROPPED, FOLLOWED, 0, NULL, boot },
	{ BY_NAME, "*lsm_info.init", DROPPED, FOLLOWED, 0, NULL, boot },
	{ BY_NAME, ".pci_fixup_*", DROPPED, FOLLOWED, 0, NULL,
	  "PCI quirks, run when a device is found at boot or hotplug: a livepatch does not replay them" },
	{ BY_NAME, ".init_array", DROPPED, FOLLOWED, 0, NULL, boot },
	{ BY_NAME, ".ctors", DROPPED, FOLLOWED, 0, NULL, boot },
	{ BY_NAME, "__earlycon_table", DROPPED, FOLLOWED, 0, NULL,
	  "early consoles, set up at boot from the command line: a livepatch changes what runs after it loads" },
	{ BY_NAME, ".videocards", DROPPED, NOT_FOLLOWED, 0, NULL,
	  "the real-mode setup code's video card table: an image of its own, never patched" },
	{ BY_NAME, ".header", DROPPED, NOT_FOLLOWED, 0, NULL,
	  "the setup header of the boot image (arch/x86/boot): an image of its own, never patched" },

	/* Not loaded: for tools, not for the kernel. */
	{ BY_NAME, ".debug_*", DROPPED, NOT_FOLLOWED, 0, NULL,
	  "debug information of the original object: a livepatch module carries none" },
	{ BY_NAME, ".eh_frame", DROPPED, NOT_FOLLOWED, 0, NULL,
	  "call frame information: the kernel unwinds by ORC or frame pointers, and its links discard it" },

	/*
	 * By meaning. Tables cut into units - the verifier's policy tables
	 * (exception, alternative, jump, bug, lock, kprobe blacklist...),
	 * objtool's sh_entsize tables and relocation-only annotations.
	 */
	{ HAS_UNITS, NULL, CARRIED, NOT_FOLLOWED, 0, NULL,
	  "entries: each goes with the code it describes; one that also describes code not copied stays with that code" },
	/*
	 * Made again for the module. With their sh_entsize (objtool's
	 * output) these tables are cut into units and their entries come
	 * along; a relocatable link (6.1's vmlinux.o, a module of several
	 * objects) leaves them without it.
	 */
	{ BY_NAME, ".orc_unwind_ip", DROPPED, NOT_FOLLOWED, 0, NULL, objtool },
	{ BY_NAME, ".return_sites", DROPPED, NOT_FOLLOWED, 0, NULL, objtool },
	{ BY_NAME, ".retpoline_sites", DROPPED, NOT_FOLLOWED, 0, NULL, objtool },
	{ BY_NAME, ".call_sites", DROPPED, NOT_FOLLOWED, 0, NULL, objtool },
	{ BY_NAME, ".static_call_sites", DROPPED, NOT_FOLLOWED, 0, NULL, objtool },
	{ BY_NAME, ".ibt_endbr_seal", DROPPED, NOT_FOLLOWED, 0, NULL, objtool },
	{ IS_CODE, NULL, DROPPED, FOLLOWED, 0, NULL,
	  "calls and jumps of other code: the running kernel's callers reach the copy through livepatch's redirection" },
	{ BY_NAME, ".data", DROPPED, FOLLOWED, 0, NULL, variables },
	{ BY_NAME, ".data.*", DROPPED, FOLLOWED, 0, NULL, variables },
	{ BY_NAME, ".rodata", DROPPED, FOLLOWED, 0, NULL, variables },
	{ BY_NAME, ".rodata.*", DROPPED, FOLLOWED, 0, NULL, variables },
	{ BY_NAME, ".bss", DROPPED, FOLLOWED, 0, NULL, variables },
	{ BY_NAME, ".bss.*", DROPPED, FOLLOWED, 0, NULL, variables },
	{ BY_NAME, ".init.data", DROPPED, FOLLOWED, 0, NULL, variables },
	{ BY_NAME, ".init.rodata", DROPPED, FOLLOWED, 0, NULL, variables },
	{ BY_NAME, ".exit.data", DROPPED, FOLLOWED, 0, NULL, variables },
	{ BY_NAME, ".ref.data", DROPPED, FOLLOWED, 0, NULL, variables },
	{ BY_NAME, ".ref.rodata", DROPPED, FOLLOWED, 0, NULL, variables },
	{ BY_NAME, ".meminit.data", DROPPED, FOLLOWED, 0, NULL, variables },

	/* The last row: what no row names. */
	{ BY_NAME, "*", REFUSED, FOLLOWED, 0, NULL,
	  "%s points into it and no rule says whether a livepatch may carry it" },
};

static int matches(const struct carriage_rule *r, const struct elf_view *v,
		   const struct places *p, uint32_t sec)
{
	const struct elf_section *s = &v->sections[sec];
	uint64_t units;

	switch (r->match) {
	case HAS_UNITS:
		return section_units(p, sec, &units), units != 0;
	case IS_CODE:
		return is_code_section(s);
	default:
		return !fnmatch(r->pattern, s->name, 0);
	}
}

const struct carriage_rule *carriage_rule(const struct elf_view *v,
					  const struct places *p, uint32_t sec)
{
	unsigned int i;

	for (i = 0; i + 1 < sizeof(rows) / sizeof(rows[0]); i++)
		if (matches(&rows[i], v, p, sec))
			return &rows[i];
	return &rows[i];
}

int carriage_at_load(const char *section, const char **width,
		     const char **variable)
{
	unsigned int i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct carriage_rule *r = &rows[i];

		if (r->match != BY_NAME || fnmatch(r->pattern, section, 0))
			continue;
		if (r->what != CARRIED_AT_LOAD)
			return -1;
		/* The pattern is the prefix and a '*'. */
		*width = r->at_load;
		*variable = section + strlen(r->pattern) - 1;
		return 0;
	}
	return -1;
}

int carriage_relocation_units(const struct elf_section *sec)
{
	unsigned int i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (rows[i].match == BY_NAME && rows[i].relocation_units &&
		    !fnmatch(rows[i].pattern, sec->name, 0))
			return 1;
	return 0;
}

const char *carriage_row_name(const struct carriage_rule *row)
{
	switch (row->match) {
	case HAS_UNITS:
		return "units";
	case IS_CODE:
		return "code";
	default:
		return row->pattern;
	}
}

int carriage_names_none(const struct carriage_rule *row)
{
	return row == &rows[sizeof(rows) / sizeof(rows[0]) - 1];
}

const char *carriage_word(enum carriage what)
{
	switch (what) {
	case CARRIED:
		return "carried";
	case CARRIED_AT_LOAD:
		return "carried, applied at load";
	case DROPPED:
		return "dropped";
	default:
		return "refused";
	}
}

const struct carriage_rule *carriage_row(unsigned int i)
{
	return i < sizeof(rows) / sizeof(rows[0]) ? &rows[i] : NULL;
}
