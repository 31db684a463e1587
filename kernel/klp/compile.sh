# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Step "compile": each object of $work/objects twice, into
# $work/orig/OBJECT and $work/patched-objs/OBJECT, with the command kbuild
# recorded for it plus -ffunction-sections -fdata-sections: every function
# and data object in a section of its own, so that the diff can cut them
# out. The patched compile reads the sources through $work/patched, which
# differs from the tree only in the patched files; -fmacro-prefix-map,
# rewritten alike, keeps __FILE__ the tree-relative path in both. Runs
# under make -j, so that a header's many objects compile in parallel.

# compile_script OBJECT KIND SOURCE-ROOT OUT: a script compiling OBJECT.
compile_script()
{
	local obj=$1 kind=$2 root=$3 o=$4 dir base cmd
	dir=$(dirname "$obj")
	base=$(basename "$obj")
	# fixdep writes savedcmd_ (6.12) or cmd_ (6.1)
	cmd=$(sed -n -e "s|^savedcmd_$obj := ||p" -e "s|^cmd_$obj := ||p" "$tree/$dir/.$base.cmd")
	[ -n "$cmd" ] || fail 2 "$tree/$dir/.$base.cmd: no recorded command for $obj"
	# The compiler alone: what kbuild chains after it (objtool) works on
	# the tree's object. Where the module's link runs objtool (IBT, LTO)
	# it covers the livepatch; elsewhere (6.1) objtool runs on each part
	# the livepatch takes (module.sh), with the arguments kept here.
	case $cmd in
	*"; "*objtool*)
		[ "$kind" = orig ] && printf '%s\n' "${cmd#*; }" > "$work/objtool/${obj//\//_}" ;;
	esac
	cmd=${cmd%%; *}
	cmd=${cmd/-Wp,-MMD,$dir\/.$base.d/-Wp,-MMD,$o.d}
	cmd=${cmd/ -o $obj / -o $o }
	[ "$root" = "$src" ] || cmd=${cmd//$src\//$root/}
	mkdir -p "$(dirname "$o")"
	printf 'cd %q || exit 1\n%s -ffunction-sections -fdata-sections\n' "$tree" "$cmd" \
		> "$work/cmd/$kind/${obj//\//_}.sh"
}

# reusable OBJ: 0 when the work directory $reuse compiled OBJ, original
# and patched, from the same sources: every file OBJ's kbuild record names
# (source_ and deps_) is, patched or not, what it was there. A patch set
# and a subset of it that shares OBJ's files share its objects.
reusable()
{
	local obj=$1 dir base f
	[ -n "$reuse" ] && [ -f "$reuse/orig/$obj" ] && [ -f "$reuse/patched-objs/$obj" ] ||
		return 1
	dir=$(dirname "$obj")
	base=$(basename "$obj")
	for f in $(awk '/^(source_|deps_)/ { for (i = 3; i <= NF; i++) print $i; next }
			/^  / { print $1 }' "$tree/$dir/.$base.cmd" | sed -n "s|^$src/||p" | sort -u); do
		if [ -f "$work/new/$f" ] || [ -f "$reuse/new/$f" ]; then
			cmp -s "${work}/new/$f" "$reuse/new/$f" 2>/dev/null || return 1
		fi
	done
	return 0
}

step_compile()
{
	local obj source part kind kinds n=0

	rm -rf "$work/orig" "$work/patched-objs" "$work/cmd" "$work/objtool"
	mkdir -p "$work/orig" "$work/patched-objs" "$work/cmd/orig" "$work/cmd/patched" \
		"$work/objtool"
	{
		echo ".PHONY: all"
		echo "all:"
		while read -r obj source part; do
			compile_script "$obj" orig "$src" "$work/orig/$obj"
			compile_script "$obj" patched "$work/patched" "$work/patched-objs/$obj"
			if reusable "$obj"; then
				mkdir -p "$(dirname "$work/orig/$obj")" "$(dirname "$work/patched-objs/$obj")"
				cp "$reuse/orig/$obj" "$work/orig/$obj"
				cp "$reuse/patched-objs/$obj" "$work/patched-objs/$obj"
				[ ! -f "$reuse/objtool/${obj//\//_}" ] ||
					cp "$reuse/objtool/${obj//\//_}" "$work/objtool/"
				say REUSE "$obj"
				continue
			fi
			kinds="orig patched"
			# The original depends on the tree alone, whatever the patches.
			if [ -n "$reuse" ] && [ -f "$reuse/orig/$obj" ]; then
				mkdir -p "$(dirname "$work/orig/$obj")"
				cp "$reuse/orig/$obj" "$work/orig/$obj"
				[ ! -f "$reuse/objtool/${obj//\//_}" ] ||
					cp "$reuse/objtool/${obj//\//_}" "$work/objtool/"
				kinds=patched
			fi
			for kind in $kinds; do
				n=$((n + 1))
				echo "all: $kind/$n"
				echo ".PHONY: $kind/$n"
				echo "$kind/$n:"
				printf '\t@printf "  %%-7s %%s\\n" CC "%s (%s)" >&2\n' "$obj" "$kind"
				echo "	@sh $work/cmd/$kind/${obj//\//_}.sh"
			done
		done < "$work/objects"
	} > "$work/compile.mk"
	make -s -f "$work/compile.mk" -j"$jobs" -k >&2 ||
		fail 2 "a patched or original object does not compile (see the messages above)"
}
