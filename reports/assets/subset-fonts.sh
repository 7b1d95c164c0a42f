#!/bin/sh
# Build-time tool, run once: writes fonts/subset/, the DejaVu Sans faces cut down to the characters charts print.
# resvg-js (its fontdb built without memmap) re-reads the whole font file from disk for every glyph it shapes or
# outlines, so the 750 kB faces cost about 40 µs a character, most of a chart's text-to-path time; the subsets are an
# eighth of that size. Every glyph, advance width, kerning pair and substitution of the characters they cover is kept
# (pyftsubset with every layout feature, the legacy kern table and every name record, so the family is still
# "DejaVu Sans" and the licence notices stay in the files). The chart workers draw a chart with the subsets only when
# they have a glyph for every character of its SVG, else with the whole faces, so PNGs are the same bytes either way
# (test/unit/reports/internal/report-assets.test.ts checks this).
# Run from the repository root: `python3 -m pip install fonttools==4.66.1 && sh reports/assets/subset-fonts.sh`.
set -eu
cd "$(dirname "$0")/fonts"
mkdir -p subset
# Basic Latin, Latin-1, Latin Extended-A, Greek, general punctuation, super- and subscripts, the euro, arrows, the
# mathematical signs the charts and labels print (minus, infinity, approximately, not equal, less and greater or
# equal), a box-drawing line, squares and circles, check and cross marks, the replacement character.
UNICODES='U+0020-007E,U+00A0-017F,U+0391-03C9,U+2010-2027,U+2030-203A,U+2070-209F,U+20AC,U+2190-2199,U+2212,U+221E,U+2248,U+2260,U+2264-2265,U+2500,U+25A0-25A1,U+25B2,U+25BC,U+25CB,U+25CF,U+2713,U+2717,U+FFFD'
for face in DejaVuSans DejaVuSans-Bold; do
  pyftsubset "$face.ttf" --unicodes="$UNICODES" --layout-features='*' --legacy-kern --notdef-outline \
    --name-IDs='*' --name-languages='*' --name-legacy --drop-tables+=FFTM --output-file="subset/$face.ttf"
done
