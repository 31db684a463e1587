# Fuzzing the verifier with libFuzzer. Included by the Makefile;
# uses its BUILD and VERIFY_SRCS.
#
#   make fuzz FUZZ_SECONDS=N   fuzz for N seconds (default 600), print the
#                              execution count; exit non-zero on a crash
#   make fuzz-smoke            the same for 60 s
#
# The corpus grows in build/fuzz/corpus across runs; seeds are made fresh
# by fuzz/seed-corpus; crashes land in build/fuzz/crashes/ and, once
# fixed, belong in tests/regressions/. One job: the machine is shared.

FUZZ_CC      ?= clang-14
FUZZ_SECONDS ?= 600
FUZZ_MAX_LEN ?= 32768
FUZZ_DIR     := $(BUILD)/fuzz
FUZZER       := $(FUZZ_DIR)/fuzz_verify
FUZZ_CFLAGS  := -g -O1 -fno-omit-frame-pointer -std=gnu11 -Wall -Wextra \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_SRCS    := fuzz/fuzz_verify.c $(filter-out verify/main.c,$(VERIFY_SRCS))

# -close_fd_mask=3: the verifier's output goes to /dev/null, libFuzzer's
# and the sanitizers' reports do not. -timeout: a slow input is a hang bug.
FUZZ_RUN_FLAGS := -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		  -close_fd_mask=3 -timeout=10 -max_len=$(FUZZ_MAX_LEN) \
		  -dict=fuzz/elf.dict -artifact_prefix=$(FUZZ_DIR)/crashes/

.PHONY: fuzz fuzz-smoke

$(FUZZER): $(FUZZ_SRCS) $(VERIFY_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_SRCS)

fuzz: $(FUZZER) demo
	@rm -rf $(FUZZ_DIR)/seeds
	@mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/crashes
	@fuzz/seed-corpus $(FUZZ_DIR)/seeds
	@echo "fuzzing for $(FUZZ_SECONDS) s (log: $(FUZZ_DIR)/fuzz.log)"
	@$(FUZZER) $(FUZZ_RUN_FLAGS) $(FUZZ_DIR)/corpus $(FUZZ_DIR)/seeds \
		> $(FUZZ_DIR)/fuzz.log 2>&1; status=$$?; \
	runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_DIR)/fuzz.log); \
	if [ $$status -ne 0 ]; then tail -n 60 $(FUZZ_DIR)/fuzz.log; fi; \
	echo "fuzz: $${runs:-?} executions (limit $(FUZZ_SECONDS) s), exit status $$status, crashes in $(FUZZ_DIR)/crashes/"; \
	exit $$status

fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=60

# Coverage lives next door; one include brings both.
include fuzz/coverage.mk
