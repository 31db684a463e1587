# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# What the steps of kernel/klp-build share: messages, exit statuses, the
# tools and the tree. Sourced, never run.

# kbuild's shape for what is being done, "  WHAT    object".
say() { printf '  %-7s %s\n' "$1" "$2" >&2; }

# fail STATUS MESSAGE: one line, then out, leaving nothing behind.
fail()
{
	printf 'klp-build: %s\n' "$2" >&2
	exit "$1"
}

usage_error()
{
	printf 'klp-build: %s\n' "$1" >&2
	usage >&2
	exit 2
}

# Refusals are collected, printed one per line, and end the run with 1.
refusals=()
refuse() { refusals+=("klp-build: $1"); }
refused_exit()
{
	[ ${#refusals[@]} -eq 0 ] && return 0
	printf '%s\n' "${refusals[@]}" | sort -u >&2
	exit 1
}

find_tools()
{
	extractor=${EXTRACTOR:-$repo/build/extract_special_syms}
	klp=${KLP_MODULE:-$repo/build/klp_module}
	if [ ! -x "$extractor" ] || [ ! -x "$klp" ]; then
		make -s -C "$repo" >&2 || fail 2 "cannot build the tools (make -C $repo)"
	fi
	local t
	for t in patch diff awk make readelf nm; do
		command -v "$t" >/dev/null || fail 2 "$t is missing (apt-get install $(
			case $t in readelf|nm) echo binutils ;; *) echo "$t" ;; esac))"
	done
}

# prepare_tree [DIR]: the build directory to patch, checked; without DIR
# the kernel cache's annotated livepatch tree, built (incrementally) first.
prepare_tree()
{
	local t=$1 cfg
	if [ -z "$t" ]; then
		t=$("$repo/kernel/livepatch-tree" >&2 && "$repo/kernel/livepatch-tree" --print) ||
			fail 2 "the kernel cache's livepatch tree does not build (kernel/livepatch-tree)"
	fi
	[ -d "$t" ] || fail 2 "$t: no such build directory"
	t=$(cd "$t" && pwd)
	cfg=$t/.config
	[ -f "$cfg" ] || fail 2 "$t: no .config: not a kernel build directory"
	[ -d "$t/source" ] || fail 2 "$t: no 'source' link: build the tree with O="
	grep -qx 'CONFIG_LIVEPATCH=y' "$cfg" ||
		fail 2 "$t: CONFIG_LIVEPATCH is not set (it needs FUNCTION_TRACER and DYNAMIC_FTRACE)"
	grep -qx 'CONFIG_SPECIAL_SECTION_SYMBOLS=y' "$cfg" ||
		fail 2 "$t: CONFIG_SPECIAL_SECTION_SYMBOLS is not set: the entries cannot be found"
	[ -f "$t/vmlinux" ] && [ -f "$t/Module.symvers" ] ||
		fail 2 "$t: no vmlinux or Module.symvers: build the tree first (make vmlinux modules)"
	echo "$t"
}
