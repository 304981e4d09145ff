#!/bin/bash
# tests/readme/update_test.sh - the README's update command (marked <!-- update -->), run as
# written on a copy of this checkout (a git repository of its own) in which one file of each kind
# that tools/update regenerates is stale: after it, `git status` is clean, so it rewrote each of
# them as committed, and changed nothing else.
set -euo pipefail
# shellcheck source=tests/readme/lib.sh
. "$(dirname "$0")/lib.sh"
# A fixed path: Bazel keys its output base on the workspace path, so reruns reuse one. The lock
# keeps two runs from sharing it at the same time.
ws=/tmp/cowrap-update-test
exec 9>"$ws.lock"
flock 9
cleanup() {
  (cd "$ws" && tools/bazel shutdown >/dev/null 2>&1) || true
  rm -rf "$ws" "$tmp"
}
trap cleanup EXIT
rm -rf "$ws"
cmd=$(readme_snippet "update") || exit 1
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
# One stale file of each kind in tools/update's list (the first path of each entry, "*" for a
# trailing "/" or a bare name), so that a kind added there is tested here too.
while read -r kind; do
  case $kind in */) kind+='*' ;; */*) ;; *) kind="*$kind" ;; esac
  found=
  while read -r f; do
    # shellcheck disable=SC2254 # kind is a pattern
    case $f in $kind) found=1 ;; esac
  done < <(git diff --name-only)
  [ -n "$found" ] || fail "no stale file of tools/update's kind $kind"
done < <(sed -n 's|^#   \([^ ,][^ ,]*\).*|\1|p' tools/update)

say "README: $cmd"
nice -n 10 bash -euo pipefail -c "$cmd" </dev/null >"$tmp/out" 2>&1 || { cat "$tmp/out" >&2; fail "$cmd failed"; }
if [ -n "$(git status --porcelain)" ]; then
  git status --short >&2
  git diff >&2
  fail "$cmd left the files above other than committed"
fi
say "$cmd rewrote every stale file as committed, and changed nothing else"
