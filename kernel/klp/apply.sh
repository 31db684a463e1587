# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Step "apply": the patches onto copies of the files they touch, never onto
# the tree. $work/new holds the patched copies alone; $work/patched is the
# source tree as the patched compiles see it: symbolic links to the tree,
# but for the directories that lead to a touched file, which are real and
# hold the patched copies (with "#line" directives). Sets touched[].

# The paths a patch touches, -p1: from its "---"/"+++" lines.
patch_paths()
{
	awk '
	/^(---|\+\+\+) / {
		path = substr($0, 5)
		sub(/\t.*$/, "", path)
		if (path == "/dev/null")
			next
		sub(/^[^\/]*\//, "", path)
		print path
	}' "$1"
}

# overlay DIR: a directory of $work/patched mirroring $src/DIR, its entries
# links to the tree but for those already made real.
declare -A mirrored=()
overlay_dir()
{
	local d=$1 e base
	[ -n "${mirrored[$d]:-}" ] && return 0
	mirrored[$d]=1
	rm -f "$work/patched/$d"
	mkdir -p "$work/patched/$d"
	[ -d "$src/$d" ] || return 0
	for e in "$src/$d"/* "$src/$d"/.[!.]*; do
		[ -e "$e" ] || [ -L "$e" ] || continue
		base=${e##*/}
		[ -e "$work/patched/$d/$base" ] || ln -s "$e" "$work/patched/$d/$base"
	done
}

step_apply()
{
	local p f d parts i

	rm -rf "$work/new" "$work/patched" "$work/hunks"
	mkdir -p "$work/new" "$work/hunks"
	touched=()
	for p in "${patches[@]}"; do
		while read -r f; do
			case $f in
			''|/*|*..*) fail 2 "$p: a path outside the tree: '$f'" ;;
			esac
			touched+=("$f")
		done < <(patch_paths "$p")
	done
	[ ${#touched[@]} -gt 0 ] || fail 2 "${patches[0]}: no file to patch: not a unified diff"
	mapfile -t touched < <(printf '%s\n' "${touched[@]}" | sort -u)
	for f in "${touched[@]}"; do
		if [ -f "$src/$f" ]; then
			mkdir -p "$(dirname "$work/new/$f")"
			cp "$src/$f" "$work/new/$f"
		fi
	done
	for p in "${patches[@]}"; do
		say PATCH "$(basename "$p")"
		if ! patch -d "$work/new" -p1 -s -N --no-backup-if-mismatch -r - \
			-i "$(readlink -f "$p")" > "$work/patch.log" 2>&1; then
			cat "$work/patch.log" >&2
			fail 2 "$p: does not apply to $src"
		fi
	done
	for f in "${touched[@]}"; do
		case $f in
		Makefile|*/Makefile|Kbuild|*/Kbuild|Kconfig*|*/Kconfig*|*.mk)
			refuse "$f: -: a build file: the patched objects must be built the way the running kernel's were" ;;
		esac
	done
	refused_exit

	# The patched source tree: links, and real directories down to each copy.
	mirrored=()
	overlay_dir .
	for f in "${touched[@]}"; do
		d=
		IFS=/ read -ra parts <<< "$(dirname "$f")"
		for i in "${parts[@]}"; do
			[ "$i" = . ] && continue
			overlay_dir "$d$i"
			d="$d$i/"
		done
		rm -f "$work/patched/$f"
		[ -f "$work/new/$f" ] || continue
		case $f in
		*.c|*.h)
			if [ -f "$src/$f" ]; then
				diff -U0 "$src/$f" "$work/new/$f" > "$work/hunks/${f//\//_}"
				awk -f "$here/klp/line-directives.awk" "$work/hunks/${f//\//_}" \
					"$work/new/$f" > "$work/patched/$f"
			else
				cp "$work/new/$f" "$work/patched/$f"
			fi ;;
		*)
			cp "$work/new/$f" "$work/patched/$f" ;;
		esac
	done
}
