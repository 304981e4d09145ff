#!/bin/bash
# launcher_test.sh - which Bazel tools/bazel picks: $BAZEL_REAL first, then a Bazel >= 7 on PATH
# (skipping older ones and links to tools/bazel itself, so no recursion), else the chroot's.
# The PATH candidates are tiny probe scripts that only report their version or who ran.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d /tmp/cowrap-launcher-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "[launcher_test] FAIL: $*" >&2; exit 1; }
probe() { # probe DIR VERSION: a `bazel` that prints VERSION for --version, else its name
  mkdir -p "$1"
  printf '#!/bin/sh\n[ "$1" = --version ] && { echo "bazel %s"; exit 0; }\necho "ran %s $*"\n' "$2" "$1" >"$1/bazel"
  chmod +x "$1/bazel"
}
probe "$tmp/old" 6.5.0
probe "$tmp/new" 7.4.1
mkdir -p "$tmp/self" && ln -s "$repo/tools/bazel" "$tmp/self/bazel"
base=/usr/local/go/bin:/usr/bin:/bin
cd "$repo"

out=$(BAZEL_REAL=$tmp/new/bazel PATH=$tmp/old:$base tools/bazel build //x)
[ "$out" = "ran $tmp/new build //x" ] || fail "BAZEL_REAL not used: $out"
out=$(PATH=$tmp/self:$tmp/old:$tmp/new:$base tools/bazel info)
[ "$out" = "ran $tmp/new info" ] || fail "Bazel >= 7 on PATH not used: $out"
# Only itself and an old Bazel on PATH: falls through to the chroot's Bazel 7.7.1.
out=$(PATH=$tmp/self:$tmp/old:$base timeout 600 tools/bazel --version)
case $out in "bazel 7."*) ;; *) fail "no fallback to the chroot Bazel: $out";; esac
echo "[launcher_test] OK: BAZEL_REAL, then PATH (>= 7, not itself), then the chroot ($out)"
