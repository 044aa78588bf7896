#!/bin/sh
# seeds.sh NAME: the folders of test fixtures that seed fuzz target NAME besides its own
# tests/fuzz/corpus/NAME (which holds only fuzz-specific and regression inputs). Used by
# tests/fuzz/check.sh (replay) and `make fuzz`, so the fixtures are not copied into the corpus.
case "$1" in
textdump) echo "samples tests/parse" ;;
html) echo "tests/html" ;;
markdown) echo "tests/markdown" ;;
style) echo "styles fonts" ;;
manifest) echo "samples" ;; # samples/digest.yaml (libFuzzer takes folders only)
epub) echo "tests/fuzz/corpus/print" ;; # the same inputs (first byte: the reader)
*) echo "" ;;
esac
