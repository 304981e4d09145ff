#!/bin/bash
# tests/readme/testing_test.sh - the README's "Testing" section against what it describes:
#  1. its test command (marked <!-- test command -->) is what .ci/run and the hosted CI
#     (.github/workflows/ci.yml) run;
#  2. it names the steps of tools/test_all.sh (its `step` lines) in their order, then the test
#     scripts (tests/*/*_test.sh), so a step added there and not described fails here.
set -euo pipefail
# shellcheck source=tests/readme/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$repo"

# ---- 1. the test command
cmd=$(readme_snippet "test command") || exit 1
[ "$(tail -n 1 .ci/run)" = "$cmd" ] || fail ".ci/run does not end with the README's test command: $cmd"
grep -qxF "        run: $cmd" .github/workflows/ci.yml || fail ".github/workflows/ci.yml does not run the README's test command: $cmd"
say "README, .ci/run and ci.yml run: $cmd"

# ---- 2. the steps, in order
section=$(awk '/^## Testing$/ { f = 1; next } f && /^## / { exit } f' README.md | tr '\n' ' ')
rest=${section#*It runs }
[ "$rest" != "$section" ] || fail "README.md's Testing section has no \"It runs ...\" sentence"
mapfile -t steps < <(sed -n 's/^step \("[^"]*"\|[^ ]*\) .*/\1/p' tools/test_all.sh | tr -d '"')
((${#steps[@]} > 0)) || fail "tools/test_all.sh has no step lines"
for s in "${steps[@]}" 'tests/*/*_test.sh'; do
  [[ $rest == *"$s"* ]] || fail "README.md's Testing section does not name \"$s\" (tools/test_all.sh) after \"${prev:-It runs}\""
  rest=${rest#*"$s"} prev=$s
done
say "README names the steps of tools/test_all.sh in order: ${steps[*]}, tests/*/*_test.sh"
