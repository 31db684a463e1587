# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# What kernel/gate, kernel/matrix and kernel/livepatch share: the cache
# layout, the patched tree, configuring and building, the smoke objects,
# the result lines and the qemu boot. Sourced, never run.
#
# Environment: SPECSYMS_KERNEL (or KERNEL; default 6.12) the Linux version,
# whose series, layout and settings are kernel/VERSION/; KERNEL_CACHE
# (default ~/.cache/specsyms) holds the unpacked pristine tree, the
# patched tree and every build directory, so reruns are incremental: for
# 6.12 in $KERNEL_CACHE/gate, for another version in
# $KERNEL_CACHE/gate-VERSION. KERNEL_TARBALL (default
# /usr/src/linux-source-VERSION.tar.xz), JOBS (default nproc).

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KVER=${SPECSYMS_KERNEL:-${KERNEL:-6.12}}
vdir=$repo/kernel/$KVER
if [ ! -f "$vdir/patches/series" ] || [ ! -f "$vdir/kernel.conf" ]; then
	echo "${tag:-gate}: no series for Linux $KVER (kernel/$KVER/patches/series, kernel.conf)" >&2
	exit 2
fi
# The version's package and gate settings: package, i386_whole.
. "$vdir/kernel.conf"
# kernel/mkseries and kernel/apply read the version from here; kbuild
# must not see a KERNEL of ours.
export SPECSYMS_KERNEL=$KVER
unset KERNEL
KC=${KERNEL_CACHE:-$HOME/.cache/specsyms}
TARBALL=${KERNEL_TARBALL:-/usr/src/$package.tar.xz}
JOBS=${JOBS:-$(nproc)}
pristine=$KC/$package
if [ "$KVER" = 6.12 ]; then
	G=$KC/gate
else
	G=$KC/gate-$KVER
fi
src=$G/src
logs=$G/logs
series=$G/series
elfcmp="python3 $repo/kernel/elfcmp.py"
mkdir -p "$logs"

# Run from make (make -s kernel-gate), the kernel builds would inherit its
# flags: -s would silence the CHECK lines counted below.
unset MAKEFLAGS MFLAGS MAKEOVERRIDES MAKELEVEL

# Every tree is built with the same identity, so that objects embedding
# the build date, user, host or build number compare equal across trees.
export KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026"
export KBUILD_BUILD_USER=specsyms KBUILD_BUILD_HOST=gate KBUILD_BUILD_VERSION=1

# Objects that between them expand every patched emitter:
#   C _ASM_EXTABLE_TYPE, _ASM_EXTABLE_TYPE_REG (futex, segment, msr),
#   .S _ASM_EXTABLE, C ALTERNATIVE/_2/_3 (xstate), .S ALTERNATIVE/_2,
#   .altinstr_aux (static_cpu_has), both _BUG_FLAGS users (BUG, WARN),
#   jump labels, C UNWIND_HINT (vmware), .S UNWIND_HINT (entry),
#   the vDSO extable (vsgx), vDSO alternatives.
smoke64="
arch/x86/entry/entry_64.o
arch/x86/entry/vdso/vclock_gettime.o
arch/x86/entry/vdso/vsgx.o
arch/x86/kernel/alternative.o
arch/x86/kernel/cpu/common.o
arch/x86/kernel/cpu/vmware.o
arch/x86/kernel/fpu/core.o
arch/x86/kernel/fpu/xstate.o
arch/x86/kernel/process_64.o
arch/x86/kernel/traps.o
arch/x86/lib/copy_user_64.o
arch/x86/lib/getuser.o
arch/x86/lib/memmove_64.o
arch/x86/lib/putuser.o
kernel/futex/waitwake.o
kernel/module/kallsyms.o
kernel/sched/core.o
lib/strncpy_from_user.o
mm/memory.o
"
smoke32="
arch/x86/entry/entry_32.o
arch/x86/entry/vdso/vdso32/vclock_gettime.o
arch/x86/kernel/alternative.o
arch/x86/kernel/cpu/common.o
arch/x86/kernel/fpu/core.o
arch/x86/kernel/process_32.o
arch/x86/kernel/traps.o
arch/x86/lib/getuser.o
arch/x86/lib/putuser.o
arch/x86/lib/usercopy_32.o
kernel/futex/waitwake.o
kernel/sched/core.o
mm/memory.o
"

# The annotated trees' configuration on top of defconfig: livepatch, and
# what it needs (ftrace's entry calls to redirect, kallsyms of data to find
# what a patch refers to). The gate builds its trees with it too, so that
# the livepatch tests run on the gate's own annotated tree.
livepatch_config=(-e LIVEPATCH -e FUNCTION_TRACER -e DYNAMIC_FTRACE -e KALLSYMS_ALL)

declare -a results=()
failed=0

say() { printf '%s\n' "${tag:-gate}: $*"; }
result()	# result PASS|FAIL|SKIP "(n) text"
{
	results+=("$1 $2")
	[ "$1" = FAIL ] && failed=1
	printf '%s\n' "${tag:-gate}: $1 $2"
}
now() { date +%s; }

# kmake SRCDIR OUTDIR [make args...]: make in OUTDIR, logging to the caller.
kmake()
{
	local s=$1 o=$2
	shift 2
	make -C "$s" O="$o" -j"$JOBS" "$@"
}

# The compilers the builds use, through ccache when it is there.
compiler()	# compiler gcc|clang-NN
{
	if command -v ccache >/dev/null; then
		echo "ccache $1"
	else
		echo "$1"
	fi
}

# objtool_warnings LOG OUT SCRATCH: the objtool warnings of a build, sorted.
# A build from scratch replaces OUT; an incremental one can only add the
# warnings of what it rebuilt, so OUT keeps the earlier ones too.
objtool_warnings()
{
	local log=$1 out=$2 scratch=$3
	{
		[ "$scratch" = 1 ] || cat "$out" 2>/dev/null
		grep 'warning: objtool:' "$log"
	} | sort -u > "$out.new"
	mv "$out.new" "$out"
}

# smoke_build SRCDIR OUTDIR "OBJECTS" [make args...]
# A single-target build visits arch/x86/lib twice (through arch/x86/Kbuild
# and as a top-level lib directory) and would compile its objects twice
# at once with -j; build those one at a time after everything else.
smoke_build()
{
	local s=$1 o=$2 objs=$3 par="" ser="" x
	shift 3
	for x in $objs; do
		case $x in
		arch/x86/lib/*) ser="$ser $x" ;;
		*) par="$par $x" ;;
		esac
	done
	if [ -n "$par" ]; then
		kmake "$s" "$o" "$@" $par || return 1
	fi
	if [ -n "$ser" ]; then
		make -C "$s" O="$o" -j1 "$@" $ser || return 1
	fi
}

# configure SRCDIR OUTDIR on|off|none [make args...]
# defconfig, the option as asked, and the scripts/config arguments in the
# array config_extra (e.g. -e LIVEPATCH), which must all stick.
declare -a config_extra=()
configure()
{
	local s=$1 o=$2 opt=$3 want
	shift 3
	mkdir -p "$o"
	kmake "$s" "$o" "$@" defconfig >/dev/null || return 1
	case $opt in
	on)  "$s/scripts/config" --file "$o/.config" -e SPECIAL_SECTION_SYMBOLS ;;
	off) "$s/scripts/config" --file "$o/.config" -d SPECIAL_SECTION_SYMBOLS ;;
	esac
	[ ${#config_extra[@]} -eq 0 ] ||
		"$s/scripts/config" --file "$o/.config" "${config_extra[@]}"
	kmake "$s" "$o" "$@" olddefconfig >/dev/null || return 1
	if [ "$opt" = on ] &&
	   ! grep -qx 'CONFIG_SPECIAL_SECTION_SYMBOLS=y' "$o/.config"; then
		echo "CONFIG_SPECIAL_SECTION_SYMBOLS did not stick in $o/.config" >&2
		return 1
	fi
	set -- "${config_extra[@]}"
	while [ $# -gt 1 ]; do
		case $1 in
		-e) want="CONFIG_$2=y" ;;
		-d) want="# CONFIG_$2 is not set" ;;
		*) shift; continue ;;
		esac
		if ! grep -qx "$want" "$o/.config"; then
			echo "$want did not stick in $o/.config" >&2
			return 1
		fi
		shift 2
	done
}

# unpack_pristine: $pristine from $TARBALL, once. Exits on failure.
unpack_pristine()
{
	[ -d "$pristine" ] && return 0
	say "unpacking $TARBALL into $KC"
	mkdir -p "$KC"
	tar -C "$KC" -xf "$TARBALL" || { say "cannot unpack $TARBALL"; exit 1; }
}

# prepare_trees: unpack the pristine tree, write the series as
# kernel/mkseries makes it (hand-written patches plus the files made from
# this repository's sources) and apply it once per version of it; rsync
# keeps the timestamps of unchanged files, so reruns stay incremental.
# Sets $version. Exits on failure.
prepare_trees()
{
	local stamp pkgversion=
	unpack_pristine
	"$repo/kernel/mkseries" "$series" ||
		{ result FAIL "(0) kernel/mkseries failed"; exit 1; }
	stamp=$(cat "$series"/*.patch | sha256sum | cut -c1-16)
	version=$(make -s -C "$pristine" kernelversion 2>/dev/null)
	[ "$TARBALL" = "/usr/src/$package.tar.xz" ] &&
		pkgversion=$(dpkg-query -W -f='${Version}' "$package" 2>/dev/null)
	say "Linux $version from $TARBALL${pkgversion:+ ($package $pkgversion)}"
	[ "$(cat "$G/src.stamp" 2>/dev/null)" = "$stamp" ] && return 0
	say "creating the patched tree $src"
	rm -rf "$src.new" "$G/src.stamp"
	mkdir -p "$G"
	cp -a "$pristine" "$src.new" || exit 1
	if ! sh "$repo/kernel/apply" "$src.new" > "$logs/apply.log" 2>&1; then
		cat "$logs/apply.log"
		result FAIL "(0) kernel/apply: the series does not apply to Linux $version"
		exit 1
	fi
	if [ -d "$src" ] && command -v rsync >/dev/null; then
		# Only files whose contents changed get new timestamps, so the
		# build directories rebuild what the new series touches.
		rsync -rlpD --checksum --delete "$src.new/" "$src/" &&
			rm -rf "$src.new" || exit 1
	else
		rm -rf "$src" && mv "$src.new" "$src" || exit 1
	fi
	echo "$stamp" > "$G/src.stamp"
}

# can_boot: qemu and a static busybox for the initramfs
can_boot()
{
	command -v qemu-system-x86_64 >/dev/null && [ -x /bin/busybox ] &&
		! readelf -lW /bin/busybox | grep -q 'program interpreter'
}

# boot OUTDIR INIT LOG [FILE...]: boot OUTDIR's bzImage under qemu (TCG)
# with a busybox initramfs whose /init is the script INIT; the FILEs go to
# its root. The kernel log and what /init prints end up in LOG. Exit
# status of qemu.
boot()
{
	local o=$1 init=$2 log=$3 b rc f
	shift 3
	b=$(mktemp -d)
	{
		printf '%s\n' "dir /bin 0755 0 0" "dir /dev 0755 0 0" \
			"dir /proc 0755 0 0" "dir /sys 0755 0 0" \
			"nod /dev/console 0600 0 0 c 5 1" \
			"file /bin/busybox /bin/busybox 0755 0 0" \
			"file /init $init 0755 0 0"
		for f in "$@"; do
			echo "file /${f##*/} $f 0644 0 0"
		done
	} > "$b/list"
	"$o/usr/gen_init_cpio" "$b/list" > "$b/initramfs.cpio" ||
		{ rm -rf "$b"; return 1; }
	timeout 900 qemu-system-x86_64 -m 512M -nographic -no-reboot \
		-kernel "$o/arch/x86/boot/bzImage" -initrd "$b/initramfs.cpio" \
		-append "console=ttyS0 panic=-1 rdinit=/init" \
		< /dev/null > "$log" 2>&1
	rc=$?
	rm -rf "$b"
	return $rc
}

# The /init that counts the entry symbols in /proc/kallsyms.
kallsyms_init()	# kallsyms_init FILE
{
	cat > "$1" <<'INIT'
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
n=$(/bin/busybox grep -c ' __ssym_' /proc/kallsyms)
t=$(/bin/busybox wc -l < /proc/kallsyms)
echo "gate-kallsyms: $n __ssym_ lines of $t"
/bin/busybox poweroff -f
INIT
}

# boot_kallsyms OUTDIR LOG: boot OUTDIR's bzImage; prints "N TOTAL" from
# /init's report, returns non-zero unless the kernel booted and reported.
boot_kallsyms()
{
	local o=$1 log=$2 init line
	init=$(mktemp)
	kallsyms_init "$init"
	boot "$o" "$init" "$log"
	local qrc=$?
	rm -f "$init"
	line=$(tr -d '\r' < "$log" | grep -m1 '^gate-kallsyms: ')
	set -- $line
	[ $qrc -eq 0 ] && [ -n "${6:-}" ] || return 1
	echo "$2 $6"
}

# summary: the result lines, once more, and the exit status
summary()	# summary TITLE [EXTRA LINE...]
{
	echo
	echo "$1 summary:"
	shift
	for r in "${results[@]}"; do
		echo "  $r"
	done
	for r in "$@"; do
		echo "  $r"
	done
	exit $failed
}
