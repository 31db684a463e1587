# Line coverage of verify/ and elf/ by the test suite.
#
#   make coverage    build the three tools under build/cov/ with --coverage,
#                    run the pytest suite against them, print per-file line
#                    coverage of verify/ and elf/ (gcovr; build/cov/index.html
#                    has the details)
#
# The tools share their objects, so elf/'s counts add up what the verifier,
# the extractor and klp_module each ran of it. Counters start from zero at
# each run; the tests' status is the target's.

COV_DIR  := $(BUILD)/cov
COV_VERIFIER  := $(COV_DIR)/verify_special_syms
COV_EXTRACTOR := $(COV_DIR)/extract_special_syms
COV_KLP       := $(COV_DIR)/klp_module
cov_objs = $(patsubst %.c,$(COV_DIR)/obj/%.o,$(1))
COV_CFLAGS := -O0 -g -std=gnu11 -Wall -Wextra --coverage
COV_FILTER := --filter 'verify/' --filter 'elf/'

.PHONY: coverage

$(COV_DIR)/obj/%.o: %.c $(VERIFY_HDRS) $(ELF_HDRS) $(EXTRACT_HDRS) $(KLP_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(COV_CFLAGS) -c -o $@ $<

$(COV_VERIFIER): $(call cov_objs,$(VERIFY_SRCS) $(ELF_READER_SRCS))
	$(CC) --coverage -o $@ $^
$(COV_EXTRACTOR): $(call cov_objs,$(EXTRACT_SRCS) $(MODEL_SRCS) $(ELF_SRCS))
	$(CC) --coverage -o $@ $^
$(COV_KLP): $(call cov_objs,$(KLP_SRCS) $(ELF_SRCS))
	$(CC) --coverage -o $@ $^

coverage: $(COV_VERIFIER) $(COV_EXTRACTOR) $(COV_KLP)
	@command -v gcovr >/dev/null || { echo "coverage: needs gcovr (apt-get install gcovr)"; exit 2; }
	@find $(COV_DIR) -name '*.gcda' -delete
	@VERIFIER=$(abspath $(COV_VERIFIER)) EXTRACTOR=$(abspath $(COV_EXTRACTOR)) \
	KLP_MODULE=$(abspath $(COV_KLP)) $(PYTHON) -m pytest -q tests; status=$$?; \
	gcovr --root . $(COV_FILTER) --object-directory $(COV_DIR)/obj \
		--html-details $(COV_DIR)/index.html $(COV_DIR)/obj >/dev/null; \
	gcovr --root . $(COV_FILTER) --object-directory $(COV_DIR)/obj $(COV_DIR)/obj; \
	exit $$status
