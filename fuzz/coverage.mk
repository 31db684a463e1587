# Line coverage of verify/ by the test suite.
#
#   make coverage    build build/cov/verify_special_syms with --coverage, run
#                    the pytest suite against it, print per-file line
#                    coverage (gcovr; build/cov/index.html has the details)
#
# Counters start from zero at each run; the tests' status is the target's.

COV_DIR  := $(BUILD)/cov
COV_BIN  := $(COV_DIR)/verify_special_syms
COV_OBJS := $(patsubst verify/%.c,$(COV_DIR)/obj/%.o,$(VERIFY_SRCS))
COV_CFLAGS := -O0 -g -std=gnu11 -Wall -Wextra --coverage

.PHONY: coverage

$(COV_DIR)/obj/%.o: verify/%.c $(VERIFY_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(COV_CFLAGS) -c -o $@ $<

$(COV_BIN): $(COV_OBJS)
	$(CC) --coverage -o $@ $(COV_OBJS)

coverage: $(COV_BIN)
	@command -v gcovr >/dev/null || { echo "coverage: needs gcovr (apt-get install gcovr)"; exit 2; }
	@find $(COV_DIR) -name '*.gcda' -delete
	@VERIFIER=$(abspath $(COV_BIN)) $(PYTHON) -m pytest -q tests; status=$$?; \
	gcovr --root . --filter 'verify/' --object-directory $(COV_DIR)/obj \
		--html-details $(COV_DIR)/index.html $(COV_DIR)/obj >/dev/null; \
	gcovr --root . --filter 'verify/' --object-directory $(COV_DIR)/obj $(COV_DIR)/obj; \
	exit $$status
