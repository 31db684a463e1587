# The kernel gate: Debian's linux-source-6.12 with the series applied,
# built in $(KERNEL_CACHE) (outside the repo), then checked. See kernel/gate.
KERNEL_CACHE ?= $(HOME)/.cache/specsyms
export KERNEL_CACHE
# KERNEL=6.1 selects another version of Linux: kernel/6.1/ holds its
# series and settings; its trees are built in $(KERNEL_CACHE)/gate-6.1.
# The scripts read SPECSYMS_KERNEL, which kbuild does not know.
KERNEL ?= 6.12
export SPECSYMS_KERNEL := $(KERNEL)
KERNEL_SERIES ?= $(BUILD)/kernel-series-$(KERNEL)

.PHONY: kernel-gate kernel-smoke kernel-invariants kernel-series kernel-versions \
	kernel-matrix kernel-livepatch-tree kernel-klp-test kernel-klp-rules \
	kernel-klp-stable

# Each target installs what it needs first (scripts/install-deps).
DEPS_KERNEL = scripts/install-deps kernel

kernel-gate: $(VERIFIER)
	$(DEPS_KERNEL)
	kernel/gate full

kernel-smoke: $(VERIFIER)
	$(DEPS_KERNEL)
	kernel/gate smoke

kernel-invariants: $(VERIFIER)
	$(DEPS_KERNEL)
	kernel/gate invariants

# The series as a maintainer receives it: git-am-able patches that also
# create the files made from this repository's sources.
kernel-series:
	$(DEPS_KERNEL)
	kernel/mkseries $(KERNEL_SERIES)
	@echo "$(KERNEL_SERIES): $$(ls $(KERNEL_SERIES)/*.patch | wc -l) patches"

# The series on each linux-source-6.12 the archive offers (the two newest).
kernel-versions: $(VERIFIER)
	$(DEPS_KERNEL)
	kernel/versions

# Whole trees with clang 14, the newest clang, ThinLTO, and i386 gcc.
kernel-matrix: $(VERIFIER)
	scripts/install-deps matrix
	kernel/matrix

# The annotated livepatch tree of the cache (the gate's), built when
# missing; LLVM=-NN builds a tree of its own with that clang.
kernel-livepatch-tree:
	$(DEPS_KERNEL)
	kernel/livepatch-tree

# The livepatch suite kernel/klp-tests on that tree: each patch built by
# kernel/klp-build and loaded under qemu, then all of them in one module.
# LLVM=-NN runs it on the clang tree. KERNEL=6.1: kernel/6.1/klp-tests
# holds the cases rebased for 6.1 and a SKIP list of those that cannot be.
kernel-klp-test: $(EXTRACTOR) $(KLP_MODULE)
	$(DEPS_KERNEL)
	kernel/klp-test --tree "$$(kernel/livepatch-tree >&2 && kernel/livepatch-tree --print)" \
		kernel/klp-tests $(wildcard kernel/$(KERNEL)/klp-tests)

# The carriage table over the livepatch tree: every section that points
# into code, by the row that decides it; fails if one has no row.
kernel-klp-rules: $(EXTRACTOR)
	$(DEPS_KERNEL)
	kernel/livepatch-tree >&2
	kernel/klp-rules --tree "$$(kernel/livepatch-tree --print)"

# What a distribution asks of a stable update: every fix between the two
# newest linux-source-6.12 (or OLD= NEW= package versions) through
# klp-build on the older one's annotated tree, loaded under qemu; a table.
kernel-klp-stable: $(EXTRACTOR) $(KLP_MODULE) $(VERIFIER)
	$(DEPS_KERNEL)
	kernel/klp-stable $(OLD) $(NEW)
