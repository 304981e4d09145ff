#!/bin/bash
# tests/gazelle/e2e_test.sh - Gazelle rebuilds the examples' cowrap_library targets from scratch.
#
# On a scratch copy of the working tree (the real tree is never touched): delete every
# cowrap_library rule under examples/ (with buildozer), run `tools/bazel run //:gazelle`, then
# build and test //examples/... green, and check that a second Gazelle run changes nothing
# (`-mode=diff` exits 0), that the regenerated targets equal the checked-in ones in what Gazelle
# owns (name, srcs, dialect, include_lines, marks, deps; hand-set attributes such as copts and
# comments are gone with the deleted rules) and stand where they stood, and that nothing else in
# the BUILD files changed.
# SKIPs when there is no examples/ directory.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -d "$repo/examples" ]; then
  echo "SKIP: e2e_test.sh: no examples/ yet"
  exit 0
fi
# A fixed path: Bazel keys its output base on the workspace path, so reruns reuse one. The
# lock keeps two runs (two test_all.sh, say) from sharing it at the same time.
ws=/tmp/cowrap-gazelle-e2e
exec 9>"$ws.lock"
flock 9
rm -rf "$ws" && mkdir -p "$ws"
chk=$(mktemp -d)
cleanup() {
  (cd "$ws" && tools/bazel shutdown >/dev/null 2>&1) || true
  rm -rf "$ws" "$chk"
}
trap cleanup EXIT
# shellcheck source=tests/lib/checkout.sh
. "$repo/tests/lib/checkout.sh"
checkout_copy "$ws"
# shellcheck source=tests/lib/buildtools.sh
. "$repo/tests/lib/buildtools.sh"
mkdir "$chk/bin"
buildozer=$(buildtool buildozer "$chk/bin")
cd "$ws"

# What the BUILD files under examples/ hold, read with buildozer (which reads files in
# parallel: sorted by package, rules in their order in the file):
#   layout: every rule's label and kind (so a regenerated target must stand where it stood);
#   owned:  the attributes Gazelle writes of each cowrap_library (hand-set attributes such as
#           copts and comments are gone with the deleted rules).
by_package() { sort -s -t: -k1,1; }
layout() { "$buildozer" 'print label kind' '//examples/...:*' | by_package; }
owned() {
  "$buildozer" 'print label srcs dialect include_lines marks deps' '//examples/...:%cowrap_library' 2>/dev/null |
    by_package
}
# build_files DIR: a copy of the BUILD files under examples/ in DIR (a workspace of its own).
build_files() {
  mkdir -p "$1" && touch "$1/MODULE.bazel"
  find examples \( -name BUILD.bazel -o -name BUILD \) -exec cp --parents -t "$1" {} +
}
layout >"$chk/layout.want"
owned >"$chk/owned.want"
removed=$(wc -l <"$chk/owned.want")
[ "$removed" -gt 0 ] || { echo "FAIL: no cowrap_library rule found under examples/"; exit 1; }
"$buildozer" -quiet delete '//examples/...:%cowrap_library' >/dev/null
[ -z "$(owned)" ] || { echo "FAIL: buildozer left cowrap_library rules under examples/"; exit 1; }
build_files "$chk/stripped"
echo "removed $removed cowrap_library rules under examples/"

tools/bazel run //:gazelle
fail=0
diff -u "$chk/owned.want" <(owned) ||
  { echo "FAIL: Gazelle's targets differ from the checked-in ones in what Gazelle owns (-checked-in +regenerated)"; fail=1; }
diff -u "$chk/layout.want" <(layout) ||
  { echo "FAIL: the rules of examples/ are not where they were (-checked-in +regenerated)"; fail=1; }
# Everything but the cowrap_library rules is as it was.
build_files "$chk/regenerated"
(cd "$chk/regenerated" && "$buildozer" -quiet delete '//examples/...:%cowrap_library' >/dev/null)
diff -ru "$chk/stripped" "$chk/regenerated" ||
  { echo "FAIL: Gazelle changed more than the cowrap_library rules under examples/"; fail=1; }
tools/bazel run //:gazelle -- -mode=diff || { echo "FAIL: a second Gazelle run changes BUILD files"; fail=1; }
tools/bazel build //examples/... || { echo "FAIL: bazel build //examples/..."; fail=1; }
tools/bazel test //examples/... || { echo "FAIL: bazel test //examples/..."; fail=1; }
[ "$fail" = 0 ] && echo "PASS: Gazelle regenerated $removed cowrap_library targets; examples build and test green"
exit "$fail"
