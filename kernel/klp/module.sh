# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Step "module": the glue - a klp_patch with one klp_object per patched
# object (vmlinux, or a module by its name), each with its klp_funcs and
# callbacks - and a Kbuild file bringing in the resolved objects; kbuild
# links them into a module, modpost told of the livepatch symbols; then
# klp_module convert makes those SHN_LIVEPATCH symbols with .klp.rela
# sections, and OUT.ko is written.
#
# The glue names each new function by the global alias klp_module resolve
# gave it, so no C declaration of a kernel function is ever written: the
# glue compiles whatever the function's type and name (a gcc clone's dots).
#
# Tables only vmlinux's boot code applies (runtime constants) come along
# with the code they describe, and the glue applies them before it enables
# the patch: the variable's running value written where each entry
# points, with text_poke_copy(), the module's text being read-only by
# then. A livepatch symbol the glue needs goes by a name C can spell,
# __klp_bind_N, which klp_module convert renames.

# glue_ref REF: how the glue's C names REF, "__klp_bind_N" for a livepatch
# symbol (recorded for the rename and for modpost), else REF itself.
glue_ref()
{
	local ref=$1 k
	case $ref in
	.klp.sym.*) ;;
	*) echo "$ref"; return ;;
	esac
	k=$(awk -v r="$ref" '$2 == r { print $1; exit }' "$work/glue.renames")
	if [ -z "$k" ]; then
		k=__klp_bind_$(wc -l < "$work/glue.renames")
		echo "$k $ref" >> "$work/glue.renames"
		printf '0x00000000\t%s\tvmlinux\tEXPORT_SYMBOL_GPL\t\n' "$k" >> "$work/klp.symvers"
	fi
	echo "$k"
}

# Livepatch enters each new function by ftrace's return (RET), never by an
# indirect call or jump, which alone IBT checks: the klp_func's pointer to
# it needs no ENDBR at the function's start. objtool's .discard.noendbr
# (ANNOTATE_NOENDBR) says so of an address taken for no branch; without
# it objtool warns for each copy of a function the kernel only calls
# directly ("data relocation to !ENDBR"). Only with IBT: elsewhere objtool
# does not look for ENDBR, and where it checks each object alone (Linux
# 6.1's defconfig) the aliases are not the glue's to annotate.
noendbr()
{
	grep -q '^func ' "$work/glue.lines" || return 0
	grep -qx 'CONFIG_X86_KERNEL_IBT=y' "$tree/.config" || return 0
	echo
	echo '/* New functions are entered by ftrace'"'"'s return, not by an indirect branch. */'
	echo 'asm(".pushsection .discard.noendbr\n\t"'
	awk '$1 == "func" { printf "    \".long %s\\n\\t\"\n", $5 }' "$work/glue.lines"
	echo '    ".popsection");'
}

# The glue's declarations and calls for the "at-load" lines; the width
# words are carriage.c's: "long" a pointer-wide value, "byte" its first.
at_load_glue()	# at_load_glue decls|calls
{
	local kind obj width start stop ref poke i=0
	grep -q '^at-load ' "$work/glue.lines" || return 0
	poke=$(awk '$1 == "bind" && $3 == "text_poke_copy" { print $4; exit }' "$work/glue.lines")
	if [ "$1" = decls ]; then
		cat <<EOF
extern void *klp_text_poke_copy(void *addr, const void *opcode, size_t len)
	__asm__("$(glue_ref "$poke")");

/* What boot code does for vmlinux alone (<asm/runtime-const.h>). */
static void __init klp_apply_at_load(s32 *entry, s32 *stop, const void *value,
				     size_t width)
{
	for (; entry < stop; entry++)
		klp_text_poke_copy((void *)entry + *entry, value, width);
}

EOF
	fi
	while read -r kind obj width start stop ref; do
		[ "$kind" = at-load ] || continue
		if [ "$1" = decls ]; then
			printf 'extern s32 %s[], %s[];\n' "$start" "$stop"
			printf 'extern const unsigned char klp_at_load_%d[] __asm__("%s");\n' \
				"$i" "$(glue_ref "$ref")"
		else
			printf '\tklp_apply_at_load(%s, %s, klp_at_load_%d, %s);\n' "$start" "$stop" \
				"$i" "$(case $width in long) echo 'sizeof(long)' ;; byte) echo 1 ;; esac)"
		fi
		i=$((i + 1))
	done < "$work/glue.lines"
	[ "$1" = decls ] && echo
}

# Whether the glue must clear, when a patched module goes away, what
# livepatch wrote into this module for it: Linux 6.1 has no
# klp_clear_object_relocs() (upstream 0c05e7bd2d01, later), nor the
# clear_relocate_add() it calls, and
# x86's apply_relocate_add() refuses a target that is not zero, so the
# module could not load again while the livepatch is loaded ("Skipping
# invalid relocation target, existing value is nonzero", -ENOEXEC).
needs_going_clear()
{
	awk '$1 == "func" && $2 != "vmlinux" { found = 1 } END { exit !found }' \
		"$work/glue.lines" || return 1
	! grep -q ' clear_relocate_add$' "$tree/System.map"
}

# The glue's part of what later kernels do in klp_clear_object_relocs():
# from the module notifier, as the module goes (after its exit function,
# before livepatch unpatches its object), each target of this module's
# .klp.rela.MODULE.* sections is made zero again, with text_poke_copy()
# as livepatch wrote it. klp_info keeps the section headers at their
# loaded addresses.
going_glue()	# going_glue decls|init|exit
{
	needs_going_clear || return 0
	case $1 in
	decls)
		[ -n "$(awk '$1 == "bind" && $3 == "text_poke_copy"' "$work/glue.lines")" ] ||
			cat <<EOF
extern void *klp_text_poke_copy(void *addr, const void *opcode, size_t len)
	__asm__("$(glue_ref .klp.sym.vmlinux.text_poke_copy,0)");

EOF
		cat <<'EOF'
/* Without klp_clear_object_relocs(), they stay for the next load to refuse. */
static void klp_clear_relocs(const char *objname)
{
	static const u8 zero[8];
	const struct klp_modinfo *info = THIS_MODULE->klp_info;
	char prefix[MODULE_NAME_LEN + 11];
	size_t len;
	unsigned int i;

	len = snprintf(prefix, sizeof(prefix), ".klp.rela.%s.", objname);
	for (i = 1; i < info->hdr.e_shnum; i++) {
		const Elf_Shdr *s = &info->sechdrs[i];
		const Elf_Rela *r = (const Elf_Rela *)s->sh_addr;
		const Elf_Shdr *to = &info->sechdrs[s->sh_info];
		unsigned int k, n = s->sh_size / sizeof(*r);

		if (!(s->sh_flags & SHF_RELA_LIVEPATCH) ||
		    strncmp(info->secstrings + s->sh_name, prefix, len))
			continue;
		for (k = 0; k < n; k++) {
			void *loc = (void *)to->sh_addr + r[k].r_offset;
			unsigned int type = ELF_R_TYPE(r[k].r_info);
			size_t width = type == R_X86_64_64 || type == R_X86_64_PC64 ? 8 : 4;

			if (type != R_X86_64_NONE && memchr_inv(loc, 0, width))
				klp_text_poke_copy(loc, zero, width);
		}
	}
}

static int klp_glue_module_going(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	const struct module *mod = data;
	const struct klp_object *obj;

	if (action != MODULE_STATE_GOING)
		return NOTIFY_DONE;
	for (obj = objs; obj->funcs; obj++)
		if (obj->name && !strcmp(obj->name, mod->name))
			klp_clear_relocs(obj->name);
	return NOTIFY_DONE;
}

static struct notifier_block klp_going_nb = {
	.notifier_call = klp_glue_module_going,
};

EOF
		;;
	init)
		cat <<'EOF'
	ret = register_module_notifier(&klp_going_nb);
	if (ret)
		return ret;
	ret = klp_enable_patch(&patch);
	if (ret)
		unregister_module_notifier(&klp_going_nb);
	return ret;
EOF
		;;
	exit)
		echo '	unregister_module_notifier(&klp_going_nb);'
		;;
	esac
}

# The callbacks of part N: "callback OBJECT KIND SYMBOL" lines.
callback_lines()	# N PART
{
	local d
	for d in $(lists "$1" data | tr , ' '); do
		case $d in
		__klp_pre_patch_callback_*) echo "callback $2 pre_patch $d" ;;
		__klp_post_patch_callback_*) echo "callback $2 post_patch $d" ;;
		__klp_pre_unpatch_callback_*) echo "callback $2 pre_unpatch $d" ;;
		__klp_post_unpatch_callback_*) echo "callback $2 post_unpatch $d" ;;
		esac
	done
}

write_glue()
{
	local objects o kind sym old pos alias i
	objects=$(awk '{ print $2 }' "$work/glue.lines" | sort -u)
	cat <<EOF
// SPDX-License-Identifier: GPL-2.0
/* Made by kernel/klp-build from $(for p in "${patches[@]}"; do printf '%s ' "$(basename "$p")"; done| sed 's/ $//'). */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>

EOF
	awk '$1 == "func" { printf "extern char %s[];\n", $5 }' "$work/glue.lines"
	noendbr
	awk '$1 == "callback" {
		printf "extern %s (*const %s)(struct klp_object *);\n",
			$3 == "pre_patch" ? "int" : "void", $4
	}' "$work/glue.lines"
	echo
	at_load_glue decls
	i=0
	for o in $objects; do
		echo "static struct klp_func funcs_$i[] = {"
		awk -v o="$o" '$1 == "func" && $2 == o {
			printf "\t{ .old_name = \"%s\", .new_func = %s, .old_sympos = %s, },\n", $3, $5, $4
		}' "$work/glue.lines"
		echo "	{ }"
		echo "};"
		echo
		i=$((i + 1))
	done
	echo "static struct klp_object objs[] = {"
	i=0
	for o in $objects; do
		if [ "$o" = vmlinux ]; then
			echo "	{ .funcs = funcs_$i, },	/* vmlinux */"
		else
			echo "	{ .name = \"$o\", .funcs = funcs_$i, },"
		fi
		i=$((i + 1))
	done
	cat <<EOF
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = $replace,
};

EOF
	going_glue decls
	cat <<EOF
static int __init klp_glue_init(void)
{
EOF
	if needs_going_clear; then
		printf '\tint ret;\n\n'
	fi
	at_load_glue calls
	i=0
	for o in $objects; do
		awk -v o="$o" -v i="$i" '$1 == "callback" && $2 == o {
			printf "\tobjs[%d].callbacks.%s = %s;\n", i, $3, $4
		}' "$work/glue.lines"
		i=$((i + 1))
	done
	if needs_going_clear; then
		going_glue init
	else
		echo '	return klp_enable_patch(&patch);'
	fi
	cat <<EOF
}

static void __exit klp_glue_exit(void)
{
$(going_glue exit)
}

module_init(klp_glue_init);
module_exit(klp_glue_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("livepatch: $(for p in "${patches[@]}"; do printf '%s ' "$(basename "$p")"; done | sed 's/ $//')");
EOF
}

step_module()
{
	local n obj source part objs= mod=$work/module
	while read -r n obj source part; do
		callback_lines "$n" "$part" >> "$work/glue.lines"
	done < "$work/parts"
	rm -rf "$mod"
	mkdir -p "$mod"
	: > "$work/glue.renames"
	write_glue > "$mod/klp-glue.c"
	while read -r n obj source part; do
		cp "$work/diff/$n.resolved.o" "$mod/klp-part$n.o_shipped"
		objtool_part "$obj" "$mod/klp-part$n.o_shipped"
		objs="$objs klp-part$n.o"
	done < "$work/parts"
	printf 'obj-m := %s.o\n%s-y := klp-glue.o%s\n' "$name" "$name" "$objs" > "$mod/Kbuild"
	say LD "[M] $name.ko"
	tree_make_args
	if ! make -C "$tree" M="$mod" KBUILD_EXTRA_SYMBOLS="$work/klp.symvers" \
		"${make_args[@]}" -j"$jobs" modules > "$work/module.log" 2>&1; then
		grep -v '^make' "$work/module.log" >&2
		fail 2 "the module does not build (see the messages above)"
	fi
	# kbuild's own warnings on the module (objtool's among them)
	grep -E 'warning: ' "$work/module.log" | sed "s|$mod/||; s|^|klp-build: warning: |" >&2
	"$klp" convert -o "$out.tmp" --renames "$work/glue.renames" "$mod/$name.ko" \
		2> "$work/convert.err" || {
		cat "$work/convert.err" >&2
		rm -f "$out.tmp"
		fail 2 "klp_module convert failed"
	}
	mv "$out.tmp" "$out"
	say KLP "$out"
}

# objtool_part OBJ PART: where the tree runs objtool on each object at its
# compile rather than on a module at its link (no IBT, no LTO: Linux
# 6.1's defconfig), the livepatch's part cut from OBJ gets it here, as a
# module's object: its ORC unwind data and call-site tables are made for
# the code it holds, which the module loader and the unwinder need.
objtool_part()
{
	local args=$work/objtool/${1//\//_} cmd
	[ -f "$args" ] || return 0
	# With IBT or LTO kbuild runs objtool on the livepatch module at its
	# link, as on any module of several objects: not twice.
	grep -qx -e 'CONFIG_X86_KERNEL_IBT=y' -e 'CONFIG_LTO_CLANG=y' "$tree/.config" && return 0
	cmd=$(cat "$args")
	cmd=${cmd% "$1"}
	case " $cmd " in *" --module "*) ;; *) cmd="$cmd --module" ;; esac
	(cd "$tree" && $cmd "$2") > "$work/objtool.log" 2>&1 || {
		cat "$work/objtool.log" >&2
		fail 2 "objtool failed on the livepatch's part of $1"
	}
	sed "s|^|klp-build: warning: $1: |" "$work/objtool.log" >&2
}

# What kbuild needs to build a module for the tree as the tree was built:
# its compiler as kbuild recorded it (ccache and all), LLVM= for clang.
tree_make_args()
{
	local cc ver
	cc=$(sed -n 's/^\(saved\)\{0,1\}cmd_[^ ]* := \(.*\) -Wp,-MMD.*/\2/p' "$tree/init/.main.o.cmd")
	[ -n "$cc" ] || fail 2 "$tree/init/.main.o.cmd: no compile command: is the tree built?"
	make_args=("CC=$cc")
	if grep -qx 'CONFIG_CC_IS_CLANG=y' "$tree/.config"; then
		ver=$(sed -n 's/^CONFIG_CLANG_VERSION=\([0-9]*\)..../\1/p' "$tree/.config")
		make_args+=("LLVM=-$ver")
	fi
}
