#!/bin/bash
# tests/gazelle/readme_golden_test.sh - what the README shows Gazelle write is what a golden case
# has Gazelle write: each snippet marked <!-- golden: CASE/PATH --> stands, whole lines verbatim,
# in gazelle/testdata/CASE/PATH (a BUILD.out, which TestGolden and //gazelle:golden_CASE_test
# compare with Gazelle's output).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
say() { printf '[readme_golden_test] %s\n' "$*"; }
fail() { printf '[readme_golden_test] FAIL: %s\n' "$*" >&2; exit 1; }
cd "$repo"
# shellcheck source=tests/lib/checkout.sh
. tests/lib/checkout.sh
mapfile -t files < <(sed -n 's/^ *<!-- golden: \(.*\) -->$/\1/p' README.md)
((${#files[@]} > 0)) || fail "README.md has no snippet marked <!-- golden: CASE/PATH -->"
for f in "${files[@]}"; do
  snippet=$(readme_snippet "golden: $f") || fail "README.md: <!-- golden: $f --> is followed by no fenced block"
  [ -f "gazelle/testdata/$f" ] || fail "README.md: <!-- golden: $f -->: no file gazelle/testdata/$f"
  [[ $'\n'$(<"gazelle/testdata/$f")$'\n' == *$'\n'"$snippet"$'\n'* ]] ||
    fail "README.md's snippet <!-- golden: $f --> is not verbatim in gazelle/testdata/$f:"$'\n'"$snippet"
  say "README shows gazelle/testdata/$f"
done
