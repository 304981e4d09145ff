#!/bin/bash
# tests/consumer/consumer_test.sh - a new Bazel module follows the README's installation section
# and builds the first time.
#
# The consumer's MODULE.bazel and root BUILD.bazel are the README's snippets marked
# `<!-- consumer: FILE -->`, taken verbatim (so the README cannot drift from what works). Its
# MODULE.bazel reaches rules_cowrap by `local_path_override(path = "../rules_cowrap")`: the
# test lays out a copy of this working tree there, next to the consumer, both under /tmp (the
# offline launcher's chroot sees the workspace and /tmp). The C project is tests/consumer/kv
# (a key-value store on @rules_cowrap//runtime:qemu-b, default dialect). Steps:
#   1. Gazelle writes the cowrap_library and prints nothing of its own on stderr;
#   2. the binary builds and runs, calling the wrappers;
#   3. a second marked header and code using it are added (tests/consumer/step2): Gazelle,
#      build and run again, with no hand edit of any BUILD file;
#   4. `bazel run //:gazelle -- -mode=diff` is clean.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
here=$repo/tests/consumer
# A fixed path, so that reruns reuse the consumer's Bazel output base; the lock keeps two runs
# from sharing it at the same time.
top=/tmp/cowrap-consumer
exec 9>"$top.lock"
flock 9
rm -rf "$top" && mkdir -p "$top/consumer"
cleanup() {
  (cd "$top/consumer" && "$repo/tools/bazel" shutdown >/dev/null 2>&1) || true
  rm -rf "$top"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# Tracked and untracked (not ignored) files, as the working tree has them.
mkdir "$top/rules_cowrap"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] && printf '%s\0' "$f"; done | xargs -0 cp --parents -t "$top/rules_cowrap")

# snippet FILE: the fenced block after the README's `<!-- consumer: FILE -->` line.
snippet() {
  awk -v marker="<!-- consumer: $1 -->" '
    $0 == marker { found = 1; next }
    found == 1 && /^```/ { found = 2; next }
    found == 2 && /^```$/ { exit }
    found == 2 { print }' "$repo/README.md"
}
cd "$top/consumer"
for f in MODULE.bazel BUILD.bazel; do
  snippet "$f" >"$f"
  [ -s "$f" ] || fail "README.md has no snippet marked <!-- consumer: $f -->"
  echo "--- $f (from README.md)"
  cat "$f"
done
grep -q 'path = "../rules_cowrap"' MODULE.bazel || fail "the README's MODULE.bazel does not override rules_cowrap with path ../rules_cowrap"
cp -r "$here/kv" kv
bazel() { "$repo/tools/bazel" "$@"; }

# gazelle: run Gazelle; fail on any line Gazelle itself logs (they start with "gazelle: ").
gazelle() {
  bazel run //:gazelle 2>"$top/gazelle.err" || { cat "$top/gazelle.err"; fail "bazel run //:gazelle"; }
  if grep '^gazelle: ' "$top/gazelle.err"; then
    fail "Gazelle printed the messages above"
  fi
}
# run_demo WANT: build everything, run //kv:demo, check its output line.
run_demo() {
  bazel build //... || fail "bazel build //..."
  out=$(bazel run //kv:demo) || fail "//kv:demo exited non-zero: $out"
  echo "demo: $out"
  [ "$out" = "$1" ] || fail "//kv:demo printed '$out', want '$1'"
}
srcs_of_cowrap() { # the srcs Gazelle wrote for kv_cowrap, one line
  awk '/^cowrap_library\(/ { r = 1 } r && /^\)/ { r = 0 } r' kv/BUILD.bazel | tr -d ' \n' |
    sed -n 's/.*srcs=\[\([^]]*\)\].*/\1/p'
}

echo "=== 1. Gazelle writes the cowrap_library"
gazelle
grep -A12 '^cowrap_library(' kv/BUILD.bazel
[ "$(srcs_of_cowrap)" = '"kv.h",' ] || [ "$(srcs_of_cowrap)" = '"kv.h"' ] || fail "kv_cowrap srcs: $(srcs_of_cowrap)"

echo "=== 2. build and run the binary that calls the wrappers"
run_demo "kv_get(7) = 42 in 1 coroutine(s)"

echo "=== 3. a second marked header: Gazelle, build and run with no hand edit"
cp "$here/step2/kv/"* kv/
gazelle
grep -A12 '^cowrap_library(' kv/BUILD.bazel
case $(srcs_of_cowrap) in '"kv.h","stats.h"'*) ;; *) fail "kv_cowrap srcs: $(srcs_of_cowrap)";; esac
run_demo "kv_get(1) = 40, kv_sum(0, 4) = 42 in 2 coroutine(s)"

echo "=== 4. Gazelle -mode=diff is clean"
bazel run //:gazelle -- -mode=diff || fail "gazelle -mode=diff found changes"
echo "PASS: the README's installation snippets build a consumer module; Gazelle kept up with a new header"
