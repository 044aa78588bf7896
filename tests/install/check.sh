#!/bin/sh
# check.sh: `make install` honours PREFIX and DESTDIR, and the installed paiban finds its
# styles and font roles without the source tree.
set -u
T=$(pwd)/build/test-out/install
rm -rf "$T"
mkdir -p "$T"
make --no-print-directory install PREFIX=/opt/paiban DESTDIR="$T/root" >"$T/make.log" 2>&1 || { cat "$T/make.log"; exit 1; }
fails=0
for f in bin/paiban share/paiban/styles/a4-article.style share/paiban/fonts/roles.conf; do
	[ -f "$T/root/opt/paiban/$f" ] || { echo "FAIL: not installed: $f"; fails=$((fails + 1)); }
done
cp samples/hubei-2022-04-06-wushe-liandong.txt "$T/in.txt"
(cd /tmp && env -u PAIBAN_DATADIR "$T/root/opt/paiban/bin/paiban" print "$T/in.txt" -o "$T/out.pdf") \
	|| { echo "FAIL: installed paiban could not print"; fails=$((fails + 1)); }
[ -s "$T/out.pdf" ] || { echo "FAIL: no PDF from the installed paiban"; fails=$((fails + 1)); }
[ $fails -eq 0 ] && echo "install checks: ok"
exit $fails
