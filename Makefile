# specsyms: entry-symbol macros, their verifier and the extractor.
#
#   make                      build build/verify_special_syms,
#                             build/extract_special_syms and build/klp_module
#   make check                run the test suite (pytest)
#   make verify_special_syms  verify OBJS=... (default: the asm/examples demo)
#   make install PREFIX=...   install the three tools, the header and macros
#   make headers              regenerate include/asm/special_syms_macros.h

CC       ?= cc
CFLAGS   ?= -O2 -g
CFLAGS   += -std=gnu11 -Wall -Wextra
PYTHON   ?= /usr/bin/python3
PREFIX   ?= /usr/local
BUILD    := build
VERIFIER := $(BUILD)/verify_special_syms
EXTRACTOR := $(BUILD)/extract_special_syms
KLP_MODULE := $(BUILD)/klp_module

# Three front ends over one ELF layer. elf/ reads, validates and writes
# ELF and diagnoses; verify/ is the verifier and the entry model the other
# two also use; extract/ and livepatch/ write objects.
ELF_SRCS := $(wildcard elf/*.c)
ELF_HDRS := $(wildcard elf/*.h)
# What the verifier needs of elf/: the reader and the diagnostics (the
# kernel's copy holds these alone, see kernel/new-files).
ELF_READER_SRCS := elf/diagnostics.c elf/elf_view.c elf/reloc_types.c
VERIFY_SRCS := $(wildcard verify/*.c)
VERIFY_HDRS := $(wildcard verify/*.h)
# The entry model: the verifier without its command line.
MODEL_SRCS   := $(filter-out verify/main.c,$(VERIFY_SRCS))
EXTRACT_SRCS := $(wildcard extract/*.c)
EXTRACT_HDRS := $(wildcard extract/*.h)
# The livepatch module generator's ELF steps: elf/, and the entry model
# for the entries a livepatch relocation must not reach.
KLP_SRCS := $(wildcard livepatch/*.c)
KLP_HDRS := $(wildcard livepatch/*.h)

ifeq ($(SANITIZE),1)
CFLAGS   += -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	    -fno-sanitize-recover=all
LDFLAGS  += -fsanitize=address,undefined
VERIFIER := $(BUILD)/san/verify_special_syms
EXTRACTOR := $(BUILD)/san/extract_special_syms
KLP_MODULE := $(BUILD)/san/klp_module
endif

.PHONY: all check verify_special_syms install headers demo clean

all: $(VERIFIER) $(EXTRACTOR) $(KLP_MODULE)

$(VERIFIER): $(VERIFY_SRCS) $(ELF_READER_SRCS) $(VERIFY_HDRS) $(ELF_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(VERIFY_SRCS) $(ELF_READER_SRCS)

$(EXTRACTOR): $(EXTRACT_SRCS) $(MODEL_SRCS) $(ELF_SRCS) $(EXTRACT_HDRS) $(VERIFY_HDRS) $(ELF_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(EXTRACT_SRCS) $(MODEL_SRCS) $(ELF_SRCS)

$(KLP_MODULE): $(KLP_SRCS) $(MODEL_SRCS) $(ELF_SRCS) $(KLP_HDRS) $(VERIFY_HDRS) $(ELF_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(KLP_SRCS) $(MODEL_SRCS) $(ELF_SRCS)

headers: include/asm/special_syms_macros.h

include/asm/special_syms_macros.h: asm/special_syms.inc scripts/gen-macros-header
	scripts/gen-macros-header $< > $@

# The demo: every example in asm/examples, for both classes, annotated.
DEMO_SRCS := $(wildcard asm/examples/*.S) $(wildcard asm/examples/*.c)
DEMO_OBJS := $(foreach s,$(DEMO_SRCS),$(foreach m,64 32,\
	$(BUILD)/demo/$(basename $(notdir $(s)))-$(m).o))
DEMO_FLAGS = -DCONFIG_SPECIAL_SECTION_SYMBOLS -Iinclude -I. -O2 -ffreestanding \
	     -fno-pic -fno-asynchronous-unwind-tables

$(BUILD)/demo/%-64.o: asm/examples/%.S include/asm/special_syms.h include/asm/special_syms_macros.h asm/special_syms.inc
	@mkdir -p $(dir $@)
	$(CC) -m64 -D__ASSEMBLY__ $(DEMO_FLAGS) -c -o $@ $<
$(BUILD)/demo/%-32.o: asm/examples/%.S include/asm/special_syms.h include/asm/special_syms_macros.h asm/special_syms.inc
	@mkdir -p $(dir $@)
	$(CC) -m32 -D__ASSEMBLY__ $(DEMO_FLAGS) -c -o $@ $<
$(BUILD)/demo/%-64.o: asm/examples/%.c include/asm/special_syms.h include/asm/special_syms_macros.h asm/special_syms.inc
	@mkdir -p $(dir $@)
	$(CC) -m64 $(DEMO_FLAGS) -c -o $@ $<
$(BUILD)/demo/%-32.o: asm/examples/%.c include/asm/special_syms.h include/asm/special_syms_macros.h asm/special_syms.inc
	@mkdir -p $(dir $@)
	$(CC) -m32 $(DEMO_FLAGS) -c -o $@ $<

demo: $(DEMO_OBJS)

OBJS ?= $(DEMO_OBJS)

verify_special_syms: $(VERIFIER) $(if $(filter $(DEMO_OBJS),$(OBJS)),$(DEMO_OBJS))
	@scripts/verify-table $(VERIFIER) $(OBJS)

check: $(VERIFIER) $(EXTRACTOR) $(KLP_MODULE)
	VERIFIER=$(abspath $(VERIFIER)) EXTRACTOR=$(abspath $(EXTRACTOR)) \
	KLP_MODULE=$(abspath $(KLP_MODULE)) \
		$(PYTHON) -m pytest -q tests

install: $(VERIFIER) $(EXTRACTOR) $(KLP_MODULE)
	install -D -m 0755 $(VERIFIER) $(DESTDIR)$(PREFIX)/bin/verify_special_syms
	install -D -m 0755 $(EXTRACTOR) $(DESTDIR)$(PREFIX)/bin/extract_special_syms
	install -D -m 0755 $(KLP_MODULE) $(DESTDIR)$(PREFIX)/bin/klp_module
	install -D -m 0644 include/asm/special_syms.h $(DESTDIR)$(PREFIX)/include/asm/special_syms.h
	install -D -m 0644 include/asm/special_syms_macros.h $(DESTDIR)$(PREFIX)/include/asm/special_syms_macros.h
	install -D -m 0644 asm/special_syms.inc $(DESTDIR)$(PREFIX)/include/asm/special_syms.inc

clean:
	rm -rf $(BUILD)

# Fuzzing, coverage, benchmarks and the kernel gate have fragments of their own.
-include fuzz/fuzz.mk bench/bench.mk kernel/kernel.mk
