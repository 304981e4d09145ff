#!/bin/bash
# tests/readme/cli_test.sh - the README's generator CLI example (marked <!-- cli: generator -->),
# run as written in a copy of this checkout:
# the block-gen.c it writes is gen/testdata/golden/b4/expected.c, but for the input paths its
# header lists (the golden case ran from its own directory). What -list-dialects prints is
# TestListDialects' (gen/cmd/cowrap); here it need only run.
set -euo pipefail
# shellcheck source=tests/readme/lib.sh
. "$(dirname "$0")/lib.sh"
snippet=$(readme_snippet "cli: generator") || exit 1
checkout_copy "$tmp/co"
cd "$tmp/co"
bash -euo pipefail -c "$snippet" >"$tmp/stdout" 2>"$tmp/stderr" ||
  { cat "$tmp/stderr" >&2; fail "the README's CLI example failed"; }

golden=gen/testdata/golden/b4
[ -f block-gen.c ] || fail "the README's CLI example wrote no block-gen.c"
sed "s|^ \*   $golden/| *   |" block-gen.c | diff -u "$golden/expected.c" - ||
  fail "block-gen.c differs from $golden/expected.c beyond the input paths of its header"
say "block-gen.c is $golden/expected.c but for the input paths"

