#!/bin/bash
# tests/readme/marks_test.sh - what the README shows is what a test runs: every fenced block of
# README.md follows a <!-- MARK --> line, and a test script asks readme_snippet for each MARK,
# by name or as "PREFIX: $VARIABLE".
set -euo pipefail
# shellcheck source=tests/readme/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$repo"
awk '
  /^ *```/ {
    if (!open) {
      mark = prev
      if (sub(/^ *<!-- /, "", mark) && sub(/ -->$/, "", mark)) print mark
      else printf "README.md:%d: a fenced block with no <!-- MARK --> line before it\n", NR > "/dev/stderr"
    }
    open = !open
  }
  !/^ *$/ { prev = $0 }' README.md >"$tmp/marks" 2>"$tmp/unmarked"
[ ! -s "$tmp/unmarked" ] || { cat "$tmp/unmarked" >&2; fail "README.md shows blocks that no test runs"; }
n=0
while IFS= read -r mark; do
  n=$((n + 1))
  grep -rqF --include='*.sh' -e "readme_snippet \"$mark\"" -e "readme_snippet \"${mark%%: *}: \$" tests ||
    fail "no test script asks for the README's snippet <!-- $mark -->"
done <"$tmp/marks"
say "each of the README's $n fenced blocks is marked, and a test reads each mark"
