#!/bin/bash
# tests/readme/cli_test.sh - the README's generator CLI example (marked <!-- cli: generator -->),
# run as written in a copy of this checkout:
#  1. the block-gen.c it writes is gen/testdata/golden/b4/expected.c, but for the input paths
#     its header lists (the golden case ran from its own directory);
#  2. -list-dialects prints one line per dialect of the release table, with its QEMU release and
#     script family (tools/dialects -format=tsv), then what `qemu` stands for.
set -euo pipefail
# shellcheck source=tests/readme/lib.sh
. "$(dirname "$0")/lib.sh"
snippet=$(snippet "cli: generator")
checkout_copy "$tmp/co"
cd "$tmp/co"
bash -euo pipefail -c "$snippet" >"$tmp/stdout" 2>"$tmp/stderr" ||
  { cat "$tmp/stderr" >&2; fail "the README's CLI example failed"; }

# ---- 1. block-gen.c
golden=gen/testdata/golden/b4
[ -f block-gen.c ] || fail "the README's CLI example wrote no block-gen.c"
sed "s|^ \*   $golden/| *   |" block-gen.c | diff -u "$golden/expected.c" - ||
  fail "block-gen.c differs from $golden/expected.c beyond the input paths of its header"
say "block-gen.c is $golden/expected.c but for the input paths"

# ---- 2. -list-dialects
go run ./tools/dialects -format=tsv | awk -F'\t' 'NR > 1 { print $1, $2, $4 }' >"$tmp/want"
[ -s "$tmp/want" ] || fail "tools/dialects -format=tsv printed no dialect"
awk 'NR > 1 && $1 != "qemu" { print $1, $2, $3 }' "$tmp/stdout" | diff -u "$tmp/want" - ||
  fail "-list-dialects does not print each dialect of the release table with its release and family"
grep -qE '^qemu +=' "$tmp/stdout" || fail "-list-dialects does not say what qemu stands for"
say "-list-dialects prints the $(wc -l <"$tmp/want") dialects of the release table"
