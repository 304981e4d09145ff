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
[ "$fail" = 0 ] || exit 1
echo "PASS: Gazelle regenerated $removed cowrap_library targets; examples build and test green"

# Gazelle and the build agree (issue 16). Each step breaks the tree as a user might, asserts
# Gazelle's exact message, that no target is lost (what Gazelle owns is as before, and
# -mode=diff is clean), and that the build then stops at the same file:line:col (never at a
# link error elsewhere); then restores the tree.
owned >"$chk/owned.now"
# gazelle_says WANT...: Gazelle's update exits 0, prints each WANT line, and changes no target.
gazelle_says() {
  tools/bazel run //:gazelle 2>"$chk/gazelle.err" || { cat "$chk/gazelle.err"; echo "FAIL: Gazelle failed"; fail=1; }
  for want in "$@"; do
    grep -qxF "gazelle: cowrap: warning: $want" "$chk/gazelle.err" ||
      { cat "$chk/gazelle.err"; echo "FAIL: Gazelle did not say: $want"; fail=1; }
  done
  diff -u "$chk/owned.now" <(owned) || { echo "FAIL: Gazelle changed a target (-before +after)"; fail=1; }
  tools/bazel run //:gazelle -- -mode=diff || { echo "FAIL: -mode=diff is not clean"; fail=1; }
}
# build_says TARGET WANT...: building TARGET fails with each WANT line and no link error.
build_says() {
  local target=$1; shift
  if tools/bazel build "$target" >"$chk/build.out" 2>&1; then
    echo "FAIL: bazel build $target passed"; fail=1
  fi
  for want in "$@"; do
    grep -qF "$want" "$chk/build.out" || { cat "$chk/build.out"; echo "FAIL: the build did not say: $want"; fail=1; }
  done
  ! grep -q "undefined reference" "$chk/build.out" || { echo "FAIL: the build stopped at a link error"; fail=1; }
}
# fault FILE DECL WANT: appends the line DECL to FILE, a listed header of //examples/modern;
# Gazelle and the build must each say WANT (@LINE@ in it: DECL's line); then FILE is restored.
fault() {
  local file=$1 line
  cp "$file" "$chk/saved"
  line=$(($(wc -l <"$file") + 1))
  echo "$2" >>"$file"
  gazelle_says "${3//@LINE@/$line}"
  build_says //examples/modern:modern_cowrap "${3//@LINE@/$line}"
  cp "$chk/saved" "$file"
}
m=examples/modern

# 1. A declaration C accepts and the generator rejects, added to a listed header: the header
#    stays in srcs (its good wrappers are not dropped), the finding is reported at its place.
fault "$m/block-io.h" 'int GRAPH_RDLOCK co_wrapper mem_trim(BdrvChild *child, int64_t offset);' \
  "$m/block-io.h:@LINE@:5: mem_trim: two-word return type or qualifier \"int GRAPH_RDLOCK\" before the mark: only one identifier, an optional '*' and coroutine_fn may precede it (use a typedef); qemu-10.2 expects \`TYPE [*] [coroutine_fn] MARK NAME(PARAMS);\` with exactly one space after TYPE and ');' ending the line"
[ "$fail" = 0 ] && echo "PASS: a rejected declaration: Gazelle and the build name its place"

# 2. The same wrapper in two headers of one target: reported with both positions (at the later
#    one in srcs order, block-io.h, naming the first).
first=$(grep -n 'co_wrapper mem_truncate' "$m/block-io.h" | cut -d: -f1)
fault "$m/block-global-state.h" 'int co_wrapper mem_truncate(BdrvChild *child, int64_t offset, Error **errp);' \
  "$m/block-io.h:$first:16: mem_truncate: wrapper declared twice; first declared at $m/block-global-state.h:@LINE@:16"
[ "$fail" = 0 ] && echo "PASS: a wrapper declared twice: Gazelle and the build name both places"

# 3. A bad directive value: an error, exit 1, and no BUILD file is written.
build_files "$chk/before"
sed -i 's/^# gazelle:cowrap_dialect qemu-6.2$/# gazelle:cowrap_dialect qemu-6.3/' examples/legacy/BUILD.bazel
grep -qx '# gazelle:cowrap_dialect qemu-6.3' examples/legacy/BUILD.bazel || { echo "FAIL: no directive to break"; exit 1; }
if tools/bazel run //:gazelle 2>"$chk/gazelle.err"; then
  echo "FAIL: Gazelle exited 0 on # gazelle:cowrap_dialect qemu-6.3"; fail=1
fi
for want in 'gazelle: cowrap: error: examples/legacy/BUILD.bazel: # gazelle:cowrap_dialect qemu-6.3: unknown dialect "qemu-6.3"; want one of: ' \
  'gazelle: cowrap: 1 error(s); no BUILD file was written'; do
  grep -qF "$want" "$chk/gazelle.err" || { cat "$chk/gazelle.err"; echo "FAIL: Gazelle did not say: $want"; fail=1; }
done
sed -i 's/^# gazelle:cowrap_dialect qemu-6.3$/# gazelle:cowrap_dialect qemu-6.2/' examples/legacy/BUILD.bazel
build_files "$chk/after"
diff -ru "$chk/before" "$chk/after" || { echo "FAIL: Gazelle wrote BUILD files after a bad directive"; fail=1; }
tools/bazel run //:gazelle -- -mode=diff || { echo "FAIL: -mode=diff is not clean after the directive is fixed"; fail=1; }
[ "$fail" = 0 ] && echo "PASS: a bad directive value fails Gazelle, and nothing is written"
exit "$fail"
