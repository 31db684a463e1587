# The kernel gate: Debian's linux-source-6.12 with the series applied,
# built in $(KERNEL_CACHE) (outside the repo), then checked. See kernel/gate.
KERNEL_CACHE ?= $(HOME)/.cache/specsyms
KERNEL_SERIES ?= $(BUILD)/kernel-series
export KERNEL_CACHE

.PHONY: kernel-gate kernel-smoke kernel-invariants kernel-series kernel-versions \
	kernel-matrix kernel-livepatch

kernel-gate: $(VERIFIER)
	kernel/gate full

kernel-smoke: $(VERIFIER)
	kernel/gate smoke

kernel-invariants: $(VERIFIER)
	kernel/gate invariants

# The series as a maintainer receives it: git-am-able patches that also
# create the files made from this repository's sources.
kernel-series:
	kernel/mkseries $(KERNEL_SERIES)
	@echo "$(KERNEL_SERIES): $$(ls $(KERNEL_SERIES)/*.patch | wc -l) patches"

# The series on each linux-source-6.12 the archive offers (the two newest).
kernel-versions: $(VERIFIER)
	kernel/versions

# Whole trees with clang 14, the newest clang, ThinLTO, and i386 gcc.
kernel-matrix: $(VERIFIER)
	kernel/matrix

# A livepatch module made from a source patch through the extractor and
# klp_module, loaded under qemu; one line per observation. See
# kernel/livepatch.
kernel-livepatch: $(EXTRACTOR) $(KLP_MODULE)
	kernel/livepatch
