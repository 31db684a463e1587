# The kernel gate: Debian's linux-source-6.12 with kernel/patches applied,
# built in $(KERNEL_CACHE) (outside the repo), then checked. See kernel/gate.
KERNEL_CACHE ?= $(HOME)/.cache/specsyms
export KERNEL_CACHE

.PHONY: kernel-gate kernel-smoke kernel-invariants

kernel-gate: $(VERIFIER)
	kernel/gate full

kernel-smoke: $(VERIFIER)
	kernel/gate smoke

kernel-invariants: $(VERIFIER)
	kernel/gate invariants
