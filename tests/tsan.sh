#!/bin/sh
# tsan.sh: the ThreadSanitizer build (make check builds it into build-tsan) binding the sample
# digest, printing the sample articles with 4 threads, writing them as EPUBs with 4 threads (and
# with --embed-fonts, each book subsetting its faces in threads), one article whose fonts
# are subset in parallel threads, and articles whose jobs load a role's faces and the
# hyphenation patterns in their threads (digest and print -d): no data race reported.
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
# faces and patterns the jobs load in their threads at first need: a role's faces (mono for
# code, kai for a quote) and the run's hyphenation patterns (a long English word), each
# wanted by several articles at once
mkdir -p "$T/lazy/print"
for i in 1 2 3 4 5 6; do
	{
		printf -- '---\ntitle: 线程第%s篇\npublished: 2022-04-08 09:00\nsource: 湖北日报\n---\n\n' "$i"
		printf '社工站用 international 标准记录 tombkeeper 提出的服务方法，第%s站。\n\n' "$i"
		[ $((i % 2)) = 0 ] && printf '```\nreport --site HB-%s\n```\n\n' "$i"
		[ $((i % 3)) = 0 ] && printf '> 社会工作者要扎根基层，把专业服务送到群众身边。\n\n'
		printf '服务记录按站点编号命名，每月汇总一次。\n'
	} >"$T/lazy/a$i.md"
done
printf 'title: 周报\narticles: [a1.md, a2.md, a3.md, a4.md, a5.md, a6.md]\n' >"$T/lazy/week.yaml"
run lazy-digest "$B/paiban" digest "$T/lazy/week.yaml" -j 4 -o "$T/lazy/week.pdf"
run lazy-print "$B/paiban" print "$T"/lazy/a*.md -j 4 -d "$T/lazy/print"
exit $fails
