# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Steps "diff" and "resolve". diff: extract_special_syms --changed on each
# object pair cuts out what changed, with its entries and the new code and
# data it needs (a changed function without an ftrace entry call comes as
# new code, its callers patched; the tree's vmlinux.o or module tells who
# calls a global one); an object a livepatch cannot carry (assembler, the
# vDSO, realmode, boot code) must come out the same. resolve: klp_module
# resolve binds each cut-out object to the object it patches (vmlinux or
# its module) and writes the glue's lines.

# A C tool's refusal "OBJ: KIND: NAME: detail" as "SOURCE: NAME: KIND: detail";
# its warnings are shown, and refuse nothing.
tool_refusals()	# tool_refusals ERRFILE OBJPATH SOURCE
{
	local line rest kind sym
	while IFS= read -r line; do
		case $line in
		*": warning: "*)
			printf '%s\n' "$line" | warnings - "$3" ;;
		"$2: "*)
			rest=${line#"$2: "}
			case $rest in
			"changed data: "*|"cannot patch: "*)
				kind=${rest%%: *}
				rest=${rest#*: }
				sym=${rest%%: *}
				refuse "$3: $sym: $kind: ${rest#*: }" ;;
			"error: no function differs"*) ;;
			*"error: "*" shares section "*)
				rest=${rest#*error: }
				sym=${rest%% *}
				rest=${rest#* shares section }
				refuse "$3: $sym: cannot patch: it shares section ${rest%%: *}: a function is carried with its whole section, and code placed in a named section (__sched, noinstr...) has no section of its own" ;;
			"error: "*" is "*)
				rest=${rest#error: }
				refuse "$3: ${rest%% *}: ${rest#* is }" ;;
			*) refuse "$3: -: ${rest#error: }" ;;
			esac ;;
		*) [ -n "$line" ] && refuse "$3: -: $line" ;;
		esac
	done < "$1"
}

# A tool's warnings (a function the patch removes) as klp-build's, the
# work directory's paths left out.
warnings()	# warnings ERRFILE SOURCE
{
	sed -n 's/^[^ ]*: warning: \(.*\)/\1/p' "$1" |
		sed -e "s|$work/patched-objs/||g" -e "s|$work/orig/||g" \
		    -e "s|^|klp-build: warning: $2: |" >&2
}

# explain OUTFILE OBJ: with -v, what the extraction left behind and why.
explain()
{
	[ "$verbose" = 1 ] || return 0
	sed -n -e "s|^$work/patched-objs/$2: dropped: |$2: |p" \
	       -e "s|^$work/patched-objs/$2: left: |$2: left with other code: |p" "$1" |
		while IFS= read -r line; do
			say DROP "$line"
		done
}

# at_load_args N: --at-load and --bind for the tables part N applies at
# load, from the diff's "OBJ: at load: SECTION WIDTH VARIABLE, ..." line;
# the glue writes them with text_poke_copy() (module.sh).
at_load_args()
{
	local items
	items=$(lists "$1" "at load" | tr ' ' ':')
	[ -n "$items" ] || return 0
	printf '%s\n' --at-load "$items" --bind text_poke_copy
}

# linked_args OBJ PART: the linked object OBJ is part of, where the
# running kernel's code keeps its relocations (vmlinux.o, the module's
# .ko): the extractor looks there for the callers of a changed global
# function it cannot redirect and carries instead.
linked_args()
{
	local elf
	if [ "$2" = vmlinux ]; then
		elf=vmlinux.o
	else
		elf=$(awk -v o="$1" '$1 == o { print $3; exit }' "$work/module.members")
	fi
	[ -n "$elf" ] && [ -f "$tree/$elf" ] && printf '%s\n' --linked "$tree/$elf"
}

# Non-code objects: the same bytes, or refused with why.
unchanged_or_refuse()	# OBJ SOURCE
{
	local why
	cmp -s "$work/orig/$1" "$work/patched-objs/$1" && return 0
	case $2 in
	*.S) why="assembler code: livepatch redirects C functions with an ftrace entry" ;;
	*.c) why="linked into neither vmlinux nor a module (the vDSO, realmode and boot code are images of their own)" ;;
	*) why="generated output (such as asm-offsets) changes: a layout change a livepatch cannot make" ;;
	esac
	refuse "$2: -: $1 changes, but it is $why"
}

step_diff()
{
	local obj source part n=0 base rc linked
	rm -rf "$work/diff"
	mkdir -p "$work/diff"
	: > "$work/parts"
	while read -r obj source part; do
		if [ "$part" = - ]; then
			unchanged_or_refuse "$obj" "$source"
			continue
		fi
		n=$((n + 1))
		base=$work/diff/$n
		mapfile -t linked < <(linked_args "$obj" "$part")
		"$extractor" -v -o "$base.o" --changed "$work/orig/$obj" \
			${linked[@]+"${linked[@]}"} "$work/patched-objs/$obj" \
			> "$base.out" 2> "$base.err"
		rc=$?
		# -v's lines say what is left behind; the others what is carried.
		grep -v -e ': dropped: ' -e ': left: ' "$base.out" > "$base.lists"
		case $rc in
		0)
			warnings "$base.err" "$source"
			say DIFF "$obj: $(sed "s|^$work/patched-objs/$obj: ||" "$base.lists" | paste -sd';' | sed 's/;/; /g')"
			explain "$base.out" "$obj"
			echo "$n $obj $source $part" >> "$work/parts" ;;
		1)
			if grep -q ': error: no function differs' "$base.err" &&
			   [ "$(grep -vc ': warning: ' "$base.err")" = 1 ]; then
				say DIFF "$obj: no change"
				warnings "$base.err" "$source"
			else
				tool_refusals "$base.err" "$work/patched-objs/$obj" "$source"
			fi ;;
		*)
			cat "$base.err" >&2
			fail 2 "extract_special_syms failed on $obj (exit $rc)" ;;
		esac
	done < "$work/objects"
	refused_exit
	if [ ! -s "$work/parts" ]; then
		refuse "${touched[0]}: -: no functional change: the patched objects' functions, entries and data are the original's"
		refused_exit
	fi
}

# lists N KIND: the names of the diff's "OBJ: KIND: a, b" line, comma-separated.
lists()
{
	local line
	line=$(grep -m1 ": $2: " "$work/diff/$1.lists") || return 0
	echo "${line#*: "$2": }" | sed 's/, /,/g'
}

step_resolve()
{
	local n obj source part target elf defined args
	rm -f "$work/glue.lines" "$work/klp.symvers"
	: > "$work/glue.lines"
	: > "$work/klp.symvers"
	# What the module itself defines: other parts refer to it, not to vmlinux.
	defined=$(for f in "$work"/diff/*.o; do
			nm --defined-only -g "$f" | awk '{ print $3 }'
		  done | sort -u | paste -sd,)
	while read -r n obj source part; do
		if [ "$part" = vmlinux ]; then
			target=()
		else
			elf=$(awk -v o="$obj" '$1 == o { print $3; exit }' "$work/module.members")
			target=(--object "$part" --object-elf "$tree/$elf")
		fi
		args=(--orig "$work/orig/$obj" --vmlinux "$tree/vmlinux"
		      --symvers "$tree/Module.symvers" ${target[@]+"${target[@]}"}
		      --klp-symvers "$work/diff/$n.symvers" --glue "$work/diff/$n.glue"
		      --alias-prefix "__klp_${n}_")
		[ -n "$defined" ] && args+=(--provided "$defined")
		[ -n "$(lists "$n" changed)" ] && args+=(--patch "$(lists "$n" changed)")
		mapfile -t -O ${#args[@]} args < <(at_load_args "$n")
		if "$klp" resolve -o "$work/diff/$n.resolved.o" "${args[@]}" \
			"$work/diff/$n.o" 2> "$work/diff/$n.resolve.err"; then
			say RESOLVE "$obj ($part)"
			cat "$work/diff/$n.glue" >> "$work/glue.lines"
			cat "$work/diff/$n.symvers" >> "$work/klp.symvers"
		elif [ $? = 1 ]; then
			tool_refusals "$work/diff/$n.resolve.err" "$work/diff/$n.o" "$source"
		else
			cat "$work/diff/$n.resolve.err" >&2
			fail 2 "klp_module resolve failed on $obj"
		fi
	done < "$work/parts"
	refused_exit
	# Two parts may refer to the same symbol: modpost takes each name once.
	sort -u -o "$work/klp.symvers" "$work/klp.symvers"
}
