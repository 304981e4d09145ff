#!/bin/bash
# tests/gazelle/e2e_test.sh - Gazelle rebuilds the examples' cowrap_library targets from scratch.
#
# On a scratch copy of the working tree (the real tree is never touched): delete every
# cowrap_library rule under examples/, run `tools/bazel run //:gazelle`, then build and test
# //examples/... green, and check that a second Gazelle run changes nothing
# (`-mode=diff` exits 0) and that the regenerated targets equal the checked-in ones in what
# Gazelle owns (name, srcs, dialect, include_lines, marks, deps; hand-set attributes such as copts
# and comments are gone with the deleted rules).
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
cleanup() {
  (cd "$ws" && tools/bazel shutdown >/dev/null 2>&1) || true
  rm -rf "$ws"
}
trap cleanup EXIT
# Tracked and untracked (not ignored) files, as the working tree has them.
(cd "$repo" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] && printf '%s\0' "$f"; done | xargs -0 cp --parents -t "$ws")

mapfile -t builds < <(cd "$ws" && find examples -name BUILD.bazel -o -name BUILD | sort)
removed=0
for b in "${builds[@]}"; do
  cp "$ws/$b" "$ws/$b.orig"
  # Buildifier-formatted files: a rule starts with `kind(` in column 1 and ends with `)`.
  awk '/^cowrap_library\(/ { skip = 1; n++ } !skip { print } skip && /^\)/ { skip = 0 }
       END { print n + 0 > "/dev/stderr" }' "$ws/$b.orig" >"$ws/$b" 2>"$ws/count"
  removed=$((removed + $(cat "$ws/count")))
done
rm -f "$ws/count"
[ "$removed" -gt 0 ] || { echo "FAIL: no cowrap_library rule found under examples/"; exit 1; }
echo "removed $removed cowrap_library rules from ${#builds[@]} BUILD files under examples/"

# owned FILE: FILE with cowrap_library rules cut down to the attributes Gazelle writes.
owned() {
  awk '/^cowrap_library\(/ { in_rule = 1 }
       in_rule && /^\)/ { in_rule = 0; drop = 0 }
       in_rule && /^    [a-z_]+ = / {
         key = $1; drop = key !~ /^(name|srcs|dialect|include_lines|marks|deps)$/
         if (drop && /[\[(]$/) multi = 1; else multi = 0
       }
       in_rule && /^ *#/ { next }
       in_rule && drop { if (multi && /^    [\])]/) drop = 0; next }
       { print }' "$1"
}

cd "$ws"
tools/bazel run //:gazelle
fail=0
for b in "${builds[@]}"; do
  if ! diff -u <(owned "$b.orig") <(owned "$b"); then
    echo "FAIL: $b: Gazelle's targets differ from the checked-in ones (-checked-in +regenerated)"
    fail=1
  fi
  rm -f "$b.orig"
done
tools/bazel run //:gazelle -- -mode=diff || { echo "FAIL: a second Gazelle run changes BUILD files"; fail=1; }
tools/bazel build //examples/... || { echo "FAIL: bazel build //examples/..."; fail=1; }
tools/bazel test //examples/... || { echo "FAIL: bazel test //examples/..."; fail=1; }
[ "$fail" = 0 ] && echo "PASS: Gazelle regenerated $removed cowrap_library targets; examples build and test green"
exit "$fail"
