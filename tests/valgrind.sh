#!/bin/sh
# valgrind.sh: valgrind memcheck over the normal build printing a page dump (the sample), an
# HTML page, a Markdown file with front matter and PNG/JPEG images, and the sample digest
# with two threads, and the sample and the Markdown file as EPUBs: no error, no definite
# or indirect leak. Run by `make check` (not by `make test`: it takes a minute).
# Usage (from the repository root): sh tests/valgrind.sh [BUILD_DIR]
set -u
B=${1:-build}
T=$B/test-out/valgrind
rm -rf "$T"
mkdir -p "$T"
export SOURCE_DATE_EPOCH=1649226622
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind.sh: valgrind is not installed (make deps-test installs it)" >&2
	exit 1
fi
fails=0
# name [command] input [options]
vg() {
	name=$1
	shift
	cmd=print
	ext=pdf
	case $1 in digest) cmd=digest; shift ;; epub) cmd=epub; ext=epub; shift ;; esac
	if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--show-leak-kinds=definite,indirect --suppressions=tests/valgrind.supp \
		"$B/paiban" $cmd "$@" -o "$T/$name.$ext" >"$T/$name.log" 2>&1; then
		echo "ok    valgrind $name"
	else
		echo "FAIL  valgrind $name"
		tail -n 60 "$T/$name.log"
		fails=$((fails + 1))
	fi
}
vg sample samples/hubei-2022-04-06-wushe-liandong.txt
vg html tests/html/utf8-jsonld.html
vg markdown tests/images/article/article.md
vg markdown-full tests/markdown/full.md --style a4-two-column
vg digest digest samples/digest.yaml -j 2
vg epub-sample epub samples/hubei-2022-04-06-wushe-liandong.txt
vg epub-markdown epub tests/images/article/article.md
exit $fails
