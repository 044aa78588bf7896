#!/bin/sh
# tsan.sh: the ThreadSanitizer build (make check builds it into build-tsan) binding the sample
# digest, printing the sample articles with 4 threads, writing them as EPUBs with 4 threads (and
# with --embed-fonts, each book subsetting its faces in threads), and one article whose fonts
# are subset in parallel threads: no data race reported.
# Usage (from the repository root): sh tests/tsan.sh BUILD_DIR
set -u
B=${1:-build-tsan}
T=$B/test-out/tsan
rm -rf "$T"
mkdir -p "$T/print"
export SOURCE_DATE_EPOCH=1649226622
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
fails=0
run() { # name command...
	name=$1
	shift
	if "$@" >"$T/$name.log" 2>&1; then
		echo "ok    tsan $name"
	else
		echo "FAIL  tsan $name (exit $?)"
		tail -n 60 "$T/$name.log"
		fails=$((fails + 1))
	fi
}
run digest "$B/paiban" digest samples/digest.yaml -j 4 -o "$T/digest.pdf"
run print "$B/paiban" print samples/*.txt samples/digest/*.txt samples/digest/*.md samples/digest/*.html \
	-j 4 -d "$T/print"
mkdir -p "$T/epub"
run epub "$B/paiban" epub -q samples/*.txt samples/digest/*.txt samples/digest/*.md samples/digest/*.html \
	tests/images/article/article.md -j 4 -d "$T/epub"
# --embed-fonts: each book subsets its faces in threads of its own, beside the other books'
mkdir -p "$T/epub-fonts"
run epub-fonts "$B/paiban" epub -q --vertical --embed-fonts samples/*.txt samples/digest/*.md -j 4 -d "$T/epub-fonts"
run print-one "$B/paiban" print samples/hubei-2022-04-06-wushe-liandong.txt -j 4 -o "$T/one.pdf"
exit $fails
