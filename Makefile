# specsyms: entry-symbol macros, their verifier and the extractor.
#
#   make                      build build/verify_special_syms,
#                             build/extract_special_syms and build/klp_module
#   make check                run the test suite (pytest)
#   make verify_special_syms  verify OBJS=... (default: the asm/examples demo)
#   make install PREFIX=...   install both tools, the header and macros
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

VERIFY_SRCS := $(wildcard verify/*.c)
VERIFY_HDRS := $(wildcard verify/*.h)
# The extractor: its own front end over the verifier's reader and indexes.
SHARED_SRCS  := $(filter-out verify/main.c,$(VERIFY_SRCS))
EXTRACT_SRCS := $(wildcard extract/*.c)
EXTRACT_HDRS := $(wildcard extract/*.h)
# The livepatch module generator's ELF steps: the reader, the writer and
# the extractor's input and option handling.
KLP_SRCS := $(wildcard livepatch/*.c) extract/elf_writer.c extract/grow.c extract/input.c \
	    extract/options.c
KLP_HDRS := $(wildcard livepatch/*.h) $(EXTRACT_HDRS)

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

$(VERIFIER): $(VERIFY_SRCS) $(VERIFY_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(VERIFY_SRCS)

$(EXTRACTOR): $(EXTRACT_SRCS) $(SHARED_SRCS) $(EXTRACT_HDRS) $(VERIFY_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(EXTRACT_SRCS) $(SHARED_SRCS)

$(KLP_MODULE): $(KLP_SRCS) $(SHARED_SRCS) $(KLP_HDRS) $(VERIFY_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(KLP_SRCS) $(SHARED_SRCS)

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
	install -D -m 0644 include/asm/special_syms.h $(DESTDIR)$(PREFIX)/include/asm/special_syms.h
	install -D -m 0644 include/asm/special_syms_macros.h $(DESTDIR)$(PREFIX)/include/asm/special_syms_macros.h
	install -D -m 0644 asm/special_syms.inc $(DESTDIR)$(PREFIX)/include/asm/special_syms.inc

clean:
	rm -rf $(BUILD)

# Fuzzing, coverage, benchmarks and the kernel gate have fragments of their own.
-include fuzz/fuzz.mk bench/bench.mk kernel/kernel.mk
