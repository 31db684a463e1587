# Fuzzing the verifier and the extractor with libFuzzer. Included by the
# Makefile; uses its BUILD and source lists (ELF_*, MODEL_SRCS, EXTRACT_*).
#
#   make fuzz FUZZ_SECONDS=N    fuzz both targets, N/2 seconds each (default
#                               600 in all), print the execution counts;
#                               exit non-zero on a crash
#   make fuzz-verify, fuzz-extract   one target for FUZZ_SECONDS
#   make fuzz-smoke             both for 60 s in all
#
# Each target's corpus grows in build/fuzz/corpus[-extract] across runs;
# seeds are made fresh by fuzz/seed-corpus (the extractor's also from
# objects built with -ffunction-sections, build/fs-seeds); crashes land in
# build/fuzz/crashes/ and, once fixed, belong in tests/regressions/. One
# job at a time: the machine is shared.

FUZZ_CC      ?= clang-14
FUZZ_SECONDS ?= 600
FUZZ_MAX_LEN ?= 32768
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_CFLAGS  := -g -O1 -fno-omit-frame-pointer -std=gnu11 -Wall -Wextra \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_SRCS_verify  := fuzz/fuzz_verify.c $(MODEL_SRCS) $(ELF_READER_SRCS)
FUZZ_SRCS_extract := fuzz/fuzz_extract.c $(MODEL_SRCS) $(ELF_SRCS) \
		     $(filter-out extract/main.c,$(EXTRACT_SRCS))
FUZZ_CORPUS_verify  := $(FUZZ_DIR)/corpus
FUZZ_CORPUS_extract := $(FUZZ_DIR)/corpus-extract

# -close_fd_mask=3: the tools' output goes to /dev/null, libFuzzer's
# and the sanitizers' reports do not. -timeout: a slow input is a hang bug.
FUZZ_RUN_FLAGS = -print_final_stats=1 -close_fd_mask=3 -timeout=10 \
		 -max_len=$(FUZZ_MAX_LEN) -dict=fuzz/elf.dict

.PHONY: fuzz fuzz-smoke fuzz-verify fuzz-extract

$(FUZZ_DIR)/fuzz_verify: $(FUZZ_SRCS_verify) $(VERIFY_HDRS) $(ELF_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_SRCS_verify)

$(FUZZ_DIR)/fuzz_extract: $(FUZZ_SRCS_extract) $(VERIFY_HDRS) $(EXTRACT_HDRS) $(ELF_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_SRCS_extract)

# Seeds for the extractor: functions in sections of their own.
FS_SEED_SRCS := $(wildcard asm/examples/*.c) tests/extract/known.c \
		tests/cases/nested_alternatives.c
FS_SEEDS := $(foreach s,$(FS_SEED_SRCS),$(foreach t,gcc-64 gcc-32 clang-64 clang-32,\
	$(BUILD)/fs-seeds/$(basename $(notdir $(s)))-$(t).o))

define fs_seed_rule
$(BUILD)/fs-seeds/$(basename $(notdir $(1)))-$(2)-$(3).o: $(1) include/asm/special_syms.h include/asm/special_syms_macros.h
	@mkdir -p $$(dir $$@)
	$(2) -m$(3) $(DEMO_FLAGS) -Iasm/examples -ffunction-sections -c -o $$@ $$<
endef
$(foreach s,$(FS_SEED_SRCS),$(foreach c,gcc clang,$(foreach m,64 32,\
	$(eval $(call fs_seed_rule,$(s),$(c),$(m))))))

# $(call fuzz_run,TARGET,SECONDS)
define fuzz_run
	@rm -rf $(FUZZ_DIR)/seeds-$(1)
	@mkdir -p $(FUZZ_CORPUS_$(1)) $(FUZZ_DIR)/crashes
	@fuzz/seed-corpus $(FUZZ_DIR)/seeds-$(1)
	@echo "fuzzing $(1) for $(2) s (log: $(FUZZ_DIR)/fuzz-$(1).log)"
	@$(FUZZ_DIR)/fuzz_$(1) $(FUZZ_RUN_FLAGS) -max_total_time=$(2) \
		-artifact_prefix=$(FUZZ_DIR)/crashes/$(1)- \
		$(FUZZ_CORPUS_$(1)) $(FUZZ_DIR)/seeds-$(1) \
		> $(FUZZ_DIR)/fuzz-$(1).log 2>&1; status=$$?; \
	runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_DIR)/fuzz-$(1).log); \
	if [ $$status -ne 0 ]; then tail -n 60 $(FUZZ_DIR)/fuzz-$(1).log; fi; \
	echo "fuzz $(1): $${runs:-?} executions (limit $(2) s), exit status $$status, crashes in $(FUZZ_DIR)/crashes/"; \
	exit $$status
endef

fuzz-verify: $(FUZZ_DIR)/fuzz_verify demo $(FS_SEEDS)
	$(call fuzz_run,verify,$(FUZZ_SECONDS))

fuzz-extract: $(FUZZ_DIR)/fuzz_extract demo $(FS_SEEDS)
	$(call fuzz_run,extract,$(FUZZ_SECONDS))

# Both targets share the time; one after the other, never in parallel.
fuzz: $(FUZZ_DIR)/fuzz_verify $(FUZZ_DIR)/fuzz_extract demo $(FS_SEEDS)
	$(call fuzz_run,verify,$(shell echo $$(( $(FUZZ_SECONDS) / 2 ))))
	$(call fuzz_run,extract,$(shell echo $$(( $(FUZZ_SECONDS) / 2 ))))

fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=60

# Coverage lives next door; one include brings both.
include fuzz/coverage.mk
