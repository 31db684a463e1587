# make bench: benchmarks of the verifier, the extractor and the annotation's
# cost.
# Included from the top-level Makefile. Prints the tables and writes
# bench/results.md; BENCH_ARGS passes options to bench/run.py, e.g.
#   make bench BENCH_ARGS='--quick --runs 3'
#   make bench BENCH_ARGS='--only 1,4'
#   make bench BENCH_ARGS='--only 6'     the extractor step alone (results.md
#                                        keeps the other sections as they are)
#   make bench BENCH_ARGS='--only 7'     kernel/klp-build on the suite
#                                        kernel/klp-tests (needs the built
#                                        livepatch tree, ccache off)
# Kernel trees are found under $(HOME)/.cache/specsyms (BENCH_BASE_TREE,
# BENCH_TREE override); without them generated objects stand in.

BENCH_ARGS ?=
BENCH_KLP_ARGS ?=

.PHONY: bench bench-klp

# The demo build rules need the generated macro header; the verifier and the
# extractor (found beside it) are the things measured. The compiler and
# demo flags go through the environment so the benchmark builds the demo
# objects exactly as `make demo` does.
bench: $(VERIFIER) $(EXTRACTOR) $(KLP_MODULE) include/asm/special_syms_macros.h
	BENCH_CC='$(CC)' BENCH_DEMO_FLAGS='$(DEMO_FLAGS)' \
	BENCH_DEMO_SRCS='$(DEMO_SRCS)' \
	$(PYTHON) bench/run.py --verifier $(VERIFIER) $(BENCH_ARGS)

# kernel/klp-build side by side with kpatch-build (bench/sidebyside.py):
# hours, for kpatch-build builds its own original kernel for every patch.
# Outside CI; needs ../shared/anchors. BENCH_KLP_ARGS='--only-timing'
# or '--only-suite' runs one half; '--cold 1 --suite timed' times
# kpatch-build cold once and runs both builders on the timed patches only.
bench-klp: $(EXTRACTOR) $(KLP_MODULE)
	$(PYTHON) bench/sidebyside.py $(BENCH_KLP_ARGS)
