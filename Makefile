# paiban: plain GNU make. Objects in build/, -MMD dependencies, flags from pkg-config.
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
PKGS := harfbuzz harfbuzz-subset freetype2 fontconfig libunibreak libpng zlib libxml-2.0 md4c yaml-0.1 uchardet
OPT ?= -O2
CFLAGS ?= $(OPT) -g
CFLAGS += -pthread -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -MMD -MP
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lm
BUILD ?= build
VERSION := 0.1.0

SRC := $(sort $(wildcard src/*/*.c))
LIBSRC := $(filter-out src/cli/%,$(SRC))
CLISRC := $(filter src/cli/%,$(SRC))
LIBOBJ := $(LIBSRC:%.c=$(BUILD)/%.o)
CLIOBJ := $(CLISRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# Debian packages the build, the demo and the tests need (installed by `make deps`).
DEB_BUILD := build-essential pkg-config libhpdf-dev libharfbuzz-dev libfreetype-dev \
	fontconfig libfontconfig-dev libunibreak-dev libpng-dev zlib1g-dev fonts-noto-cjk \
	libxml2-dev libmd4c-dev libyaml-dev libuchardet-dev
DEB_TEST := poppler-utils qpdf mupdf-tools

.PHONY: all deps deps-test demo test bench install clean pictures

all: $(BUILD)/paiban

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -DPAIBAN_VERSION='"$(VERSION)"' -DPAIBAN_DATADIR='"$(PREFIX)/share/paiban"' -c $< -o $@

$(BUILD)/libpaiban.a: $(LIBOBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/paiban: $(CLIOBJ) $(BUILD)/libpaiban.a
	$(CC) $(CFLAGS) -o $@ $(CLIOBJ) $(BUILD)/libpaiban.a $(PKG_LIBS) $(LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libpaiban.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Isrc -o $@ $< $(BUILD)/libpaiban.a $(PKG_LIBS) $(LDFLAGS)

# Installs the Debian packages that are missing (fresh Debian 12: run as root or with sudo).
deps:
	@sh tools/deps.sh $(DEB_BUILD)

deps-test:
	@sh tools/deps.sh $(DEB_BUILD) $(DEB_TEST)

demo: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p out
	$(BUILD)/paiban print samples/*.txt -d out/
	@ls -l out/*.pdf

test: deps-test
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@sh tests/run.sh $(BUILD)

# Page 1 of the sample in every preset, as build/pictures/PRESET.png (generated, not committed).
PRESETS := $(basename $(notdir $(wildcard styles/*.style)))
SAMPLE := samples/hubei-2022-04-06-wushe-liandong.txt
pictures: all
	@sh tools/deps.sh poppler-utils
	@mkdir -p $(BUILD)/pictures
	@for p in $(PRESETS); do \
		SOURCE_DATE_EPOCH=1649226622 $(BUILD)/paiban print $(SAMPLE) --style $$p -q \
			-o $(BUILD)/pictures/$$p.pdf || exit 1; \
		pdftoppm -r 60 -png -f 1 -l 1 -singlefile $(BUILD)/pictures/$$p.pdf $(BUILD)/pictures/$$p || exit 1; \
		rm -f $(BUILD)/pictures/$$p.pdf; \
		echo "$(BUILD)/pictures/$$p.png"; \
	done

bench: all
	@sh tools/deps.sh time poppler-utils
	@sh tests/bench.sh $(BUILD)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/paiban/styles $(DESTDIR)$(PREFIX)/share/paiban/fonts
	install -m 755 $(BUILD)/paiban $(DESTDIR)$(PREFIX)/bin/paiban
	install -m 644 styles/*.style $(DESTDIR)$(PREFIX)/share/paiban/styles/
	install -m 644 fonts/*.conf $(DESTDIR)$(PREFIX)/share/paiban/fonts/

# Accuracy of the readers over the dev corpus (tools/eval.c); skipped when the corpus is absent.
CORPUS ?= ../shared/corpus/dev
.PHONY: eval
$(BUILD)/eval: tools/eval.c $(BUILD)/libpaiban.a
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Isrc -o $@ $< $(BUILD)/libpaiban.a $(PKG_LIBS) $(LDFLAGS)

eval: all $(BUILD)/eval
	@if [ -f "$(CORPUS)/MANIFEST.jsonl" ]; then $(BUILD)/eval $(CORPUS) $(EVAL_FLAGS); \
	else echo "eval: no corpus at $(CORPUS) (set CORPUS=DIR); nothing measured"; fi

clean:
	rm -rf $(BUILD) out

-include $(LIBOBJ:.o=.d) $(CLIOBJ:.o=.d)
