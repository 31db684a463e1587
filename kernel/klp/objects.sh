# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Step "objects": every object of the tree whose kbuild record (.cmd) names
# a touched file as its source or among its dependencies, and what it is
# part of. Writes $work/objects, one "OBJECT SOURCE PART" line each, PART
# being "vmlinux", a module's name, or "-" (linked into neither, or no
# code a livepatch can carry: those must come out unchanged).

# The objects vmlinux links: vmlinux.a's members, the libraries', and what
# scripts/link-vmlinux.sh adds beside them.
vmlinux_members()
{
	local a
	for a in vmlinux.a lib/lib.a arch/x86/lib/lib.a; do
		[ -f "$tree/$a" ] && (cd "$tree" && ar t "$a")
	done
	echo init/version-timestamp.o
}

# "OBJECT MODULE" for every object of every module (kbuild's .mod files).
module_members()
{
	local m mod
	while read -r m; do
		mod=${m%.mod}
		mod=${mod##*/}
		mod=${mod//-/_}
		while read -r o; do
			[ -n "$o" ] && echo "$o $mod ${m%.mod}.ko"
		done < "$tree/$m"
	done < <(cd "$tree" && find . -name '*.mod' -type f | sed 's|^\./||')
}

step_objects()
{
	local f cmd obj source part records

	: > "$work/objects"
	records=$work/records
	# Candidates by a fixed-string search, then the exact path as a word.
	local patterns=()
	for f in "${touched[@]}"; do
		patterns+=(-e "$src/$f")
	done
	(cd "$tree" && grep -rlF --include='.*.cmd' "${patterns[@]}" . 2>/dev/null) |
		sed 's|^\./||' | sort > "$records"
	vmlinux_members | sort -u > "$work/vmlinux.members"
	module_members | sort > "$work/module.members"
	while read -r cmd; do
		obj=$(dirname "$cmd")/$(basename "$cmd" .cmd)
		obj=${obj/\/./\/}
		obj=${obj#./}
		source=$(sed -n "s|^source_$obj := ||p" "$tree/$cmd")
		[ -n "$source" ] || continue
		case $obj in
		scripts/*|tools/*|arch/x86/tools/*|usr/*|*.mod.o) continue ;;
		esac
		awk -v want="$(printf "$src/%s\n" "${touched[@]}")" '
			BEGIN { n = split(want, w, "\n"); for (i = 1; i <= n; i++) need[w[i]] = 1 }
			/^(source_|deps_)/ || /^  / {
				for (i = 1; i <= NF; i++)
					if ($i in need) { found = 1; exit }
			}
			END { exit !found }' "$tree/$cmd" || continue
		part=$(awk -v o="$obj" '$1 == o { print $2; exit }' "$work/module.members")
		if [ -z "$part" ] && grep -qxF "$obj" "$work/vmlinux.members"; then
			part=vmlinux
		fi
		case $source in
		*.c) ;;
		*) part=- ;;
		esac
		echo "$obj ${source#$src/} ${part:--}" >> "$work/objects"
	done < "$records"
	if [ ! -s "$work/objects" ]; then
		for f in "${touched[@]}"; do
			refuse "$f: -: no object of $tree is built from it"
		done
		refused_exit
	fi
	# A file this configuration does not build changes nothing here.
	for f in "${touched[@]}"; do
		grep -qF -- "$src/$f" $(sed "s|^|$tree/|" "$records") 2>/dev/null ||
			printf 'klp-build: warning: %s: no object of the tree is built from it\n' "$f" >&2
	done
}
