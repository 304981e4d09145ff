#!/bin/bash
# tests/readme/update_test.sh - the README's update command (marked <!-- update -->), run as
# written on a copy of this checkout (a git repository of its own) in which one file of each kind
# that tools/update regenerates is stale: after it, `git status` is clean, so it rewrote each of
# them as committed, and changed nothing else.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
say() { printf '[update_test] %s\n' "$*"; }
fail() { printf '[update_test] FAIL: %s\n' "$*" >&2; exit 1; }
# A fixed path: Bazel keys its output base on the workspace path, so reruns reuse one. The lock
# keeps two runs from sharing it at the same time.
ws=/tmp/cowrap-update-test
exec 9>"$ws.lock"
flock 9
out=$(mktemp /tmp/cowrap-update-test.XXXXXX.out)
cleanup() {
  (cd "$ws" && tools/bazel shutdown >/dev/null 2>&1) || true
  rm -rf "$ws" "$out"
}
trap cleanup EXIT
rm -rf "$ws"
# shellcheck source=tests/lib/checkout.sh
. "$repo/tests/lib/checkout.sh"
cmd=$(readme_snippet "update") || fail "README.md has no snippet marked <!-- update -->"
checkout_copy "$ws"
cd "$ws"
git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm copy

# stale FILE SED: edits FILE with the sed script SED, which must change it.
stale() {
  sed -i "$2" "$1"
  ! git diff --quiet -- "$1" || fail "could not make $1 stale"
}
stale rules/private/dialects.bzl '$a # stale'
stale README.md 's/^\(| qemu-8\.1 | v8\.1\.0 | B2 |\) .*/\1 stale |/'
stale docs/rules.md '$a stale'
stale gen/testdata/golden/b4/expected.c '$a /* stale */'
stale gazelle/testdata/basic/include/block/BUILD.out '$a # stale'
stale tools/docgen/testdata/ok/expected.md '$a stale'
stale gen/check/BUILD.bazel '/^ *"docs_test.go",$/d'
say "stale: $(git diff --name-only | tr '\n' ' ')"

say "README: $cmd"
nice -n 10 bash -euo pipefail -c "$cmd" </dev/null >"$out" 2>&1 || { cat "$out" >&2; fail "$cmd failed"; }
if [ -n "$(git status --porcelain)" ]; then
  git status --short >&2
  git diff >&2
  fail "$cmd left the files above other than committed"
fi
say "$cmd rewrote every stale file as committed, and changed nothing else"
