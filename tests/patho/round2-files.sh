# round2-files.sh: issue 12, the file-system and output classes (sourced by check.sh: run(),
# ok(), fail(), $T, $S, $para). Non-regular inputs, temporaries on a signal or a full disk,
# outputs that are inputs, same base names in -d, control characters in file names.

# r2 NAME RC REGEX ARGS...: paiban ARGS (stdin /dev/null, timeout 60): the exit code and a
# stderr line matching REGEX ("-": none required). Sets $rc.
r2() {
	name=$1 want=$2 re=$3
	shift 3
	timeout 60 "$PAIBAN" "$@" </dev/null >"$T/$name.stdout" 2>"$T/$name.err"
	rc=$?
	bad=
	[ $rc -eq 124 ] && bad="$bad; timed out after 60 s (blocked)"
	[ $rc -ne "$want" ] && bad="$bad; exit $rc, want $want"
	[ "$re" = - ] || grep -Eq -- "$re" "$T/$name.err" || bad="$bad; no message matching /$re/"
	if [ -z "$bad" ]; then
		ok "$name (exit $rc)"
	else
		fail "$name$bad"
		sed -n 1,12p "$T/$name.err"
	fi
}
# r2_same NAME FILE CKSUM: FILE still has the cksum CKSUM
r2_same() {
	[ "$(cksum <"$2")" = "$3" ] && ok "$1: $2 unchanged" || fail "$1: $2 was changed"
}
# r2_no_tmp NAME DIR: no temporary file left in DIR
r2_no_tmp() {
	left=$(find "$2" -name '*.tmp' | head -3)
	[ -z "$left" ] && ok "$1: no temporary left" || fail "$1: temporary left behind: $left"
}

R=$T/r2
mkdir -p "$R"
cp "$S" "$R/in.txt"
in_sum=$(cksum <"$R/in.txt")

# ---- 1. inputs that are not regular files: refused, named, never blocking -------------------
mkfifo "$R/fifo.txt" "$R/fifo.style" "$R/fifo.yaml"
r2 fifo-input 4 "fifo.txt: error: a FIFO, not a regular file" print "$R/fifo.txt" -o "$R/fifo.pdf"
r2 fifo-input-parse 4 "fifo.txt: error: a FIFO, not a regular file" parse "$R/fifo.txt"
r2 fifo-input-digest 1 "fifo.txt: not a regular file" digest "$R/fifo.txt" "$R/in.txt" --title 周报 \
	-o "$R/fifo-digest.pdf"
r2 char-device-input 4 "/dev/null: error: a character device, not a regular file" print /dev/null \
	-o "$R/null.pdf"
if command -v python3 >/dev/null &&
	python3 -c "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$R/sock.txt" 2>/dev/null; then
	r2 socket-input 4 "sock.txt: error: a socket, not a regular file" print "$R/sock.txt" -o "$R/sock.pdf"
fi
r2 fifo-style 4 "fifo.style: error: style file: a FIFO, not a regular file" print "$R/in.txt" \
	--style "$R/fifo.style" -o "$R/fifo-style.pdf"
mkdir -p "$R/dir.style" "$R/plain-dir"
r2 style-is-dir 4 "dir.style: error: style file: a directory, not a regular file" print "$R/in.txt" \
	--style "$R/dir.style" -o "$R/style-dir.pdf"
r2 style-is-dir-no-suffix 4 "plain-dir/?: error: style file: a directory" print "$R/in.txt" \
	--style "$R/plain-dir/" -o "$R/style-dir2.pdf"
r2 fifo-manifest 4 "fifo.yaml: error: not a regular file, not a manifest" digest "$R/fifo.yaml" \
	-o "$R/fifo-manifest.pdf"
mkdir -p "$R/fimg"
mkfifo "$R/fimg/photo.png"
printf -- '---\ntitle: 管道图片\n---\n\n%s\n\n![图](photo.png)\n\n%s\n' "$para" "$para" >"$R/fimg/a.md"
r2 fifo-image 0 "a\.md(:[0-9]+:[0-9]+)?: warning: .*photo.png.*not a regular file" print "$R/fimg/a.md" \
	-o "$R/fimg/a.pdf"
for f in fifo.pdf sock.pdf fifo-style.pdf style-dir.pdf style-dir2.pdf fifo-digest.pdf fifo-manifest.pdf null.pdf; do
	[ -e "$R/$f" ] && fail "non-regular inputs: $f written"
done

# ---- 2. no partial output: temporaries on a signal, every file through temporary + rename ----
# A signal while the temporary exists. strace holds the write at its start (fchmod, which the
# writer calls on the fresh temporary when it replaces a file) for a few seconds; the loop
# waits until the temporary appears (bounded) and sends the signal. If the run finished first
# (no strace, or no injection), there is nothing to assert but the absence of a temporary.
{ printf '标题\n\n'; yes "$para$para$para$para$para$para$para$para$para$para" | head -n 2000; } \
	>"$R/big.txt"
dflt=
env --default-signal=INT true 2>/dev/null && dflt="env --default-signal=INT"
cp "$R/big.txt" "$R/big2.txt"
# SIGTERM and SIGINT during one write; SIGTERM while two threads write (print -d -j 2)
for v in TERM:1 INT:1 TERM:2; do
	sig=${v%:*} n=${v#*:}
	d=$R/sig-$sig-$n
	mkdir -p "$d"
	echo old >"$d/big.pdf"
	set -- "$R/big.txt" -o "$d/big.pdf"
	if [ "$n" = 2 ]; then
		echo old >"$d/big2.pdf"
		set -- "$R/big.txt" "$R/big2.txt" -d "$d" -j 2
	fi
	if command -v strace >/dev/null &&
		strace -qq -o /dev/null -e trace=fchmod -e inject=fchmod:delay_enter=1 true 2>/dev/null; then
		# (env --default-signal: a background job of a script starts with SIGINT ignored)
		$dflt strace -f -qq -o /dev/null -e trace=fchmod -e inject=fchmod:delay_enter=3000000 \
			"$PAIBAN" print -q "$@" 2>"$d/err" &
		tracer=$!
		i=0
		while [ $i -lt 300 ] && [ "$(find "$d" -name '*.tmp' | wc -l)" -lt "$n" ]; do
			sleep 0.1
			i=$((i + 1))
		done
		pid=$(pgrep -P "$tracer" -x paiban)
		[ -n "$pid" ] && kill -"$sig" "$pid"
		wait "$tracer"
		# not an assertion (a loaded machine may send the signal after the hold): say which
		[ "$(cat "$d/big.pdf")" = old ] && echo "      (SIG$sig arrived while $n temporaries existed)"
	else
		# no strace: a signal somewhere in the run, most often before the write
		$dflt "$PAIBAN" print -q "$@" 2>"$d/err" &
		pid=$!
		sleep 0.3
		kill -"$sig" "$pid" 2>/dev/null
		wait "$pid"
	fi
	r2_no_tmp "SIG$sig during $n write(s)" "$d"
done
# A write past the file-size limit (ulimit -f: a full disk or a quota as the process sees it):
# EFBIG, exit 4 with a message, no file, no temporary; the old dump is untouched.
mkdir -p "$R/fsize"
(ulimit -f 40 && exec timeout 60 "$PAIBAN" print "$R/big.txt" -q -o "$R/fsize/big.pdf") 2>"$R/fsize.err"
rc=$?
[ $rc -eq 4 ] && grep -q "cannot write $R/fsize/big.pdf: File too large" "$R/fsize.err" &&
	[ -z "$(ls -A "$R/fsize")" ] && ok "PDF past the file-size limit (exit 4, nothing left)" ||
	{ fail "PDF past the file-size limit (exit $rc): $(ls -A "$R/fsize")"; cat "$R/fsize.err"; }
echo "the old dump" >"$R/fsize-dump.txt"
dsum=$(cksum <"$R/fsize-dump.txt")
(ulimit -f 40 && exec timeout 60 "$PAIBAN" print "$R/big.txt" -q -o - --dump-layout "$R/fsize-dump.txt") \
	>/dev/null 2>"$R/fsize-dump.err"
rc=$?
[ $rc -eq 4 ] && grep -q "cannot write the layout dump to $R/fsize-dump.txt: File too large" "$R/fsize-dump.err" \
	&& ok "layout dump past the file-size limit (exit 4)" \
	|| { fail "layout dump past the file-size limit (exit $rc)"; cat "$R/fsize-dump.err"; }
r2_same "dump on a full disk" "$R/fsize-dump.txt" "$dsum"
r2_no_tmp "dump on a full disk" "$R"
if [ -w /dev/full ]; then
	ln -s /dev/full "$R/full-link"
	r2 dump-dev-full 4 "cannot write the layout dump to $R/full-link: No space left on device" print \
		"$R/in.txt" -q -o "$R/dev-full.pdf" --dump-layout "$R/full-link"
fi

# ---- 3. outputs that are inputs: refused, exit 2, both named --------------------------------
mkdir -p "$R/io"
cp tests/images/article/article.md tests/images/article/photo-rgb.png tests/images/article/photo-progressive.jpg \
	tests/images/article/badge-rgba16-interlaced.png "$R/io/"
printf '[page]\nsize = A4\n' >"$R/io/my.style"
ssum=$(cksum <"$R/io/my.style")
isum=$(cksum <"$R/io/photo-rgb.png")
r2 out-is-style 2 "output $R/io/my.style is the style file $R/io/my.style; refusing to overwrite it" print \
	"$R/in.txt" --style "$R/io/my.style" -o "$R/io/my.style"
ln -s my.style "$R/io/style-link.pdf"
r2 out-links-to-style 2 "output $R/io/style-link.pdf is the style file $R/io/my.style" print "$R/in.txt" \
	--style "$R/io/my.style" -o "$R/io/style-link.pdf"
r2_same out-is-style "$R/io/my.style" "$ssum"
r2 out-is-image 2 "output $R/io/photo-rgb.png is the image .*/photo-rgb.png; refusing" print "$R/io/article.md" \
	-o "$R/io/photo-rgb.png"
r2_same out-is-image "$R/io/photo-rgb.png" "$isum"
r2 dump-is-input 2 "--dump-layout $R/in.txt is the input file $R/in.txt" print "$R/in.txt" -o "$R/io/x.pdf" \
	--dump-layout "$R/in.txt"
r2_same dump-is-input "$R/in.txt" "$in_sum"
r2 dump-is-style 2 "--dump-layout $R/io/my.style is the style file" print "$R/in.txt" --style "$R/io/my.style" \
	-o "$R/io/y.pdf" --dump-layout "$R/io/my.style"
r2 dump-is-image 2 "--dump-layout $R/io/photo-rgb.png is the image" print "$R/io/article.md" \
	-o "$R/io/z.pdf" --dump-layout "$R/io/photo-rgb.png"
r2_same dump-is-image "$R/io/photo-rgb.png" "$isum"
r2 dump-is-output-new 2 "--dump-layout $R/io/same.pdf is the output $R/io/same.pdf" print "$R/in.txt" \
	-o "$R/io/same.pdf" --dump-layout "$R/io/same.pdf"
echo old >"$R/io/old.pdf"
r2 dump-is-output 2 "--dump-layout $R/io/./old.pdf is the output $R/io/old.pdf" print "$R/in.txt" -o "$R/io/old.pdf" \
	--dump-layout "$R/io/./old.pdf"
[ "$(cat "$R/io/old.pdf")" = old ] && ok "dump-is-output: old.pdf untouched" || fail "dump-is-output: old.pdf replaced"
r2 dump-and-pdf-on-stdout 2 "--dump-layout - and -o /dev/stdout both write to standard output" print "$R/in.txt" \
	-o /dev/stdout --dump-layout -
r2 pdf-and-dump-on-stdout 2 "--dump-layout /dev/stdout and -o - both write to standard output" print "$R/in.txt" \
	-o - --dump-layout /dev/stdout
for f in x.pdf y.pdf z.pdf same.pdf; do
	[ -e "$R/io/$f" ] && fail "outputs that are inputs: $f written"
done
# a font file: fontconfig limited (FONTCONFIG_FILE) to a copy of DejaVu Sans, named by a style
dv=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
if [ -f "$dv" ]; then
	mkdir -p "$R/fc/fonts"
	cp "$dv" "$R/fc/fonts/"
	printf '<?xml version="1.0"?>\n<fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>\n' \
		"$R/fc/fonts" "$R/fc/cache" >"$R/fc/fonts.conf"
	printf '[fonts]\nbody = DejaVu Sans\nheading = DejaVu Sans\nsans = DejaVu Sans\nfallback = DejaVu Sans\n' \
		>"$R/fc/dv.style"
	fsum=$(cksum <"$R/fc/fonts/DejaVuSans.ttf")
	FONTCONFIG_FILE=$R/fc/fonts.conf
	export FONTCONFIG_FILE
	r2 out-is-font 2 \
		"output $R/fc/fonts/DejaVuSans.ttf is the font file $R/fc/fonts/DejaVuSans.ttf" print "$R/in.txt" -q \
		--style "$R/fc/dv.style" -o "$R/fc/fonts/DejaVuSans.ttf"
	unset FONTCONFIG_FILE
	r2_same out-is-font "$R/fc/fonts/DejaVuSans.ttf" "$fsum"
fi
# -d: a target that is (a link to) another input of the run
mkdir -p "$R/dd/src" "$R/dd/out"
cp "$S" "$R/dd/src/x.txt"
cp "$S" "$R/dd/keep.txt"
ksum=$(cksum <"$R/dd/keep.txt")
ln -s ../keep.txt "$R/dd/out/x.pdf"
r2 dir-target-is-input 2 "output $R/dd/out/x.pdf is the input file $R/dd/keep.txt" print "$R/dd/src/x.txt" \
	"$R/dd/keep.txt" -d "$R/dd/out"
r2_same dir-target-is-input "$R/dd/keep.txt" "$ksum"
# digest: the manifest, an article, the 编者按, the cover, an article's image, the style
mkdir -p "$R/dg"
cp "$S" "$R/dg/a.txt"
cp tests/images/article/article.md tests/images/article/*.png tests/images/article/*.jpg "$R/dg/"
printf '%s\n\n%s\n' "$para" "$para" >"$R/dg/note.md"
cp tests/images/article/photo-rgb.png "$R/dg/cover.png"
printf 'title: 周报\nnote: note.md\ncover: cover.png\nsections:\n  - title: 要闻\n    articles: [a.txt, article.md]\n' \
	>"$R/dg/m.yaml"
msum=$(cksum <"$R/dg/m.yaml")
csum=$(cksum <"$R/dg/cover.png")
r2 digest-out-is-manifest 2 "output $R/dg/m.yaml is the manifest $R/dg/m.yaml" digest "$R/dg/m.yaml" -o "$R/dg/m.yaml"
r2_same digest-out-is-manifest "$R/dg/m.yaml" "$msum"
r2 digest-out-is-article 2 "output $R/dg/a.txt is the input file $R/dg/a.txt" digest "$R/dg/m.yaml" -o "$R/dg/a.txt"
r2 digest-out-is-note 2 "output $R/dg/note.md is the input file $R/dg/note.md" digest "$R/dg/m.yaml" \
	-o "$R/dg/note.md"
r2 digest-out-is-cover 2 "output $R/dg/cover.png is the image .*/cover.png" digest "$R/dg/m.yaml" -q \
	-o "$R/dg/cover.png"
r2_same digest-out-is-cover "$R/dg/cover.png" "$csum"
r2 digest-out-is-image 2 "output $R/dg/photo-rgb.png is the image .*/photo-rgb.png" digest "$R/dg/m.yaml" -q \
	-o "$R/dg/photo-rgb.png"
cp "$R/io/my.style" "$R/dg/my.style"
r2 digest-out-is-style 2 "output $R/dg/my.style is the style file $R/dg/my.style" digest "$R/dg/m.yaml" \
	--style "$R/dg/my.style" -o "$R/dg/my.style"
r2_same digest-out-is-style "$R/dg/my.style" "$ssum"

# ---- 4. -d with two inputs of the same base name: named apart, in command-line order ---------
mkdir -p "$R/sb/a" "$R/sb/b" "$R/sb/c" "$R/sb/out"
printf '甲篇标题\n\n%s\n' "$para" >"$R/sb/a/x.txt"
printf '# 乙篇标题\n\n%s\n' "$para" >"$R/sb/b/x.md"
printf '丙篇标题\n\n%s\n' "$para" >"$R/sb/c/x-2.txt"
r2 same-base-names 0 "note: $R/sb/a/x.txt and $R/sb/b/x.md have the same name: $R/sb/b/x.md is written to $R/sb/out/x-3.pdf" \
	print "$R/sb/a/x.txt" "$R/sb/b/x.md" "$R/sb/c/x-2.txt" -d "$R/sb/out"
[ "$(ls "$R/sb/out" | tr '\n' ' ')" = "x-2.pdf x-3.pdf x.pdf " ] && ok "same-base-names: x.pdf, x-2.pdf (x-2.txt's), x-3.pdf" ||
	fail "same-base-names: $(ls "$R/sb/out" | tr '\n' ' ')"
if command -v pdftotext >/dev/null; then
	pdftotext "$R/sb/out/x.pdf" - 2>/dev/null | grep -q 甲篇标题 && pdftotext "$R/sb/out/x-3.pdf" - 2>/dev/null |
		grep -q 乙篇标题 && pdftotext "$R/sb/out/x-2.pdf" - 2>/dev/null | grep -q 丙篇标题 &&
		ok "same-base-names: each PDF holds its article" || fail "same-base-names: PDFs mixed up"
fi

# ---- 5. messages: control characters in file names are escaped; one line each -------------
nl='
'
mkdir -p "$R/nl"
printf '标题\n\n前面是正常的文字，\377中间有坏字节，后面继续。%s\n' "$para" >"$R/nl/bad${nl}name$(printf '\033')[31m.txt"
r2 newline-name 0 "nl/bad\\\\nname\\\\x1b\[31m\.txt:3: warning: invalid UTF-8" print "$R/nl/bad${nl}name$(printf '\033')[31m.txt" \
	-o "$R/nl/out.pdf"
if grep -q "$(printf '\033')" "$T/newline-name.err" || grep -vq "^$R/nl/bad\\\\nname" "$T/newline-name.err"; then
	fail "newline-name: a message split or a raw escape"
	cat -A "$T/newline-name.err" | head -5
else
	ok "newline-name: every message one line, escapes shown"
fi
r2 newline-missing 4 "^$R/nl/no\\\\nsuch\.txt: error: cannot open" print "$R/nl/no${nl}such.txt" -o "$R/nl/o.pdf"
[ "$(wc -l <"$T/newline-missing.err")" -eq 2 ] && ok "newline-missing: two lines (error, note)" ||
	fail "newline-missing: $(wc -l <"$T/newline-missing.err") lines"
# style errors from whole-file checks point at the line that made them fail
printf '[page]\nsize = A4\nmargin-left = 150mm\nmargin-right = 150mm\n' >"$R/margins.style"
r2 style-margins-position 1 "margins.style:4:16: error: margins leave no room for text" print "$R/in.txt" \
	--style "$R/margins.style" -o "$R/m.pdf"
printf '[page]\nsize = 100mm 150mm\nmargin = 10mm\ncolumns = 8\ncolumn-gap = 10mm\n' >"$R/cols.style"
r2 style-columns-position 1 "cols.style:5:14: error: 8 columns with a" print "$R/in.txt" --style "$R/cols.style" \
	-o "$R/c.pdf"
printf '[page]\nsize = A4\0x\n' >"$R/nul.style"
r2 style-nul-position 1 "nul.style:2:10: error: NUL byte in style file" print "$R/in.txt" --style "$R/nul.style" \
	-o "$R/n.pdf"
{ printf '[page]\n# '; yes a | head -n 2000 | tr -d '\n'; echo; } >"$R/long.style"
r2 style-long-line-position 1 "long.style:2:1024: error: line longer than 1023 bytes" print "$R/in.txt" \
	--style "$R/long.style" -o "$R/l.pdf"
{ printf '[page]\n'; yes '# comment line' | head -c 1100000; } >"$R/huge.style"
r2 style-huge-position 1 "huge.style:69906:9: error: style file larger than 1048576 bytes" print "$R/in.txt" \
	--style "$R/huge.style" -o "$R/h.pdf"
r2_same "round 2" "$R/in.txt" "$in_sum"
