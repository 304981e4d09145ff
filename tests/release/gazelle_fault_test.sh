#!/bin/bash
# tests/release/gazelle_fault_test.sh - the Gazelle that a release ships (tools/release -gazelle:
# cmd/gazelle with tools/release/gazelle-atomic-write.patch) never leaves a BUILD file empty or
# cut off, and fails when it cannot write one.
#   1. SIGKILL at random points of runs over a tree of $PACKAGES packages, each BUILD.bazel
#      hand-written and due for a new cowrap_library: after every kill, each BUILD.bazel is
#      byte for byte the old file or the new one (what an uninterrupted run writes). Enough kills
#      must land in the write phase (some files old, some new) for this to mean anything.
#   2. A full disk (a tmpfs of a few pages, mounted in a temp dir): Gazelle exits non-zero, names
#      the file, every BUILD.bazel is as it was, no temporary file is left.
# GAZELLE=FILE runs it against another binary instead: against upstream Gazelle (the from-source
# fallback, bazel-bin/gazelle/runner/from_source) it fails, which is how the test was seen to fail.
# Runs as root (mount); touches only files under its temp dir.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
say() { printf '[gazelle_fault_test] %s\n' "$*"; }
fail() { printf '[gazelle_fault_test] FAIL: %s\n' "$*" >&2; exit 1; }
# shellcheck source=tests/lib/checkout.sh
. "$repo/tests/lib/checkout.sh"
PACKAGES=${PACKAGES:-300} KILLS=${KILLS:-60}
tmp=$(mktemp -d /tmp/cowrap-gazelle-fault.XXXXXX)
cleanup() {
  mountpoint -q "$tmp/disk" 2>/dev/null && umount "$tmp/disk"
  rm -rf "$tmp"
}
trap cleanup EXIT

gazelle=${GAZELLE:-}
if [ -z "$gazelle" ]; then
  say "building the released Gazelle (go run ./tools/release -gazelle) in a copy of this working tree"
  checkout_copy "$tmp/checkout"
  (cd "$tmp/checkout" && go run ./tools/release -gazelle "$tmp/gazelle")
  gazelle=$tmp/gazelle
fi

# tree DIR N: a module with N packages; each has a marked header and a hand-written BUILD.bazel
# (a cc_library and 4 KB of comments, so that a write takes more than one page)
tree() {
  local d=$1 n=$2 i pad
  mkdir -p "$d"
  printf 'module(name = "fault")\n\nbazel_dep(name = "rules_cowrap")\n' >"$d/MODULE.bazel"
  pad=$(for j in $(seq 64); do printf '# hand-written line %02d, which a cut-off write would lose ......\n' "$j"; done)
  for i in $(seq -w "$n"); do
    mkdir -p "$d/p$i"
    printf '#include "block/block-common.h"\nint coroutine_fn p%s_co_add(BlockDriverState *bs, int n);\nint co_wrapper_mixed p%s_add(BlockDriverState *bs, int n);\n' \
      "$i" "$i" >"$d/p$i/p.h"
    printf '%s\n\ncc_library(\n    name = "p",\n    hdrs = ["p.h"],\n)\n' "$pad" >"$d/p$i/BUILD.bazel"
  done
}
run_gazelle() { "$gazelle" -repo_root "$1" "$1"; }

# ---- 1. kills at random points
tree "$tmp/old" "$PACKAGES"
cp -a "$tmp/old" "$tmp/new"
t0=$(date +%s%N)
run_gazelle "$tmp/new" 2>"$tmp/new.err" || { cat "$tmp/new.err"; fail "Gazelle failed on the tree"; }
ms=$((($(date +%s%N) - t0) / 1000000))
grep -q cowrap_library "$tmp/new/p$(printf '%0*d' ${#PACKAGES} 1)/BUILD.bazel" || fail "Gazelle wrote no cowrap_library"
cmp -s "$tmp/old/p$(printf '%0*d' ${#PACKAGES} 1)/BUILD.bazel" "$tmp/new/p$(printf '%0*d' ${#PACKAGES} 1)/BUILD.bazel" &&
  fail "Gazelle changed nothing"
say "an uninterrupted run over $PACKAGES packages takes $ms ms; $KILLS kills at random points in [0, $((ms + ms / 4))] ms"
mid=0 before=0 after=0
for _ in $(seq "$KILLS"); do
  rm -rf "$tmp/w" && cp -a "$tmp/old" "$tmp/w"
  delay=$((RANDOM % (ms + ms / 4 + 1)))
  "$gazelle" -repo_root "$tmp/w" "$tmp/w" 2>/dev/null &
  pid=$!
  sleep "$(printf '0.%03d' "$delay")" 2>/dev/null || sleep "$((delay / 1000))"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  old=0 new=0
  for f in "$tmp/w"/p*/BUILD.bazel; do
    rel=${f#"$tmp/w/"}
    if cmp -s "$f" "$tmp/old/$rel"; then
      old=$((old + 1))
    elif cmp -s "$f" "$tmp/new/$rel"; then
      new=$((new + 1))
    else
      printf '%s after a kill at %d ms: %d bytes, neither the old (%d) nor the new (%d) file\n' "$rel" "$delay" \
        "$(stat -c %s "$f")" "$(stat -c %s "$tmp/old/$rel")" "$(stat -c %s "$tmp/new/$rel")" >&2
      fail "a kill left $rel empty or cut off"
    fi
  done
  if [ "$new" = 0 ]; then before=$((before + 1)); elif [ "$old" = 0 ]; then after=$((after + 1)); else mid=$((mid + 1)); fi
done
say "$KILLS kills: $before before the first write, $mid during the writes, $after after the last; every BUILD.bazel whole"
[ "$mid" -ge 3 ] || fail "only $mid kills landed during the writes: the test proves nothing (PACKAGES=$((PACKAGES * 2)) ?)"

# ---- 2. a full disk
mkdir "$tmp/disk"
mount -t tmpfs -o size=256k,nr_inodes=1000 tmpfs "$tmp/disk"
tree "$tmp/disk/ws" 3
cp -a "$tmp/disk/ws" "$tmp/full-old"
# fill what is left, so that no new 4 KB BUILD file fits
dd if=/dev/zero of="$tmp/disk/filler" bs=4k 2>/dev/null || true
set +e
run_gazelle "$tmp/disk/ws" 2>"$tmp/full.err"
rc=$?
set -e
sed 's/^/  /' "$tmp/full.err"
[ "$rc" != 0 ] || fail "Gazelle exited 0 on a full disk"
grep -q 'no space left on device' "$tmp/full.err" || fail "Gazelle did not say the disk is full"
grep -q "/ws/p1/BUILD.bazel not written: " "$tmp/full.err" || fail "Gazelle did not name the BUILD file it could not write"
diff -r "$tmp/full-old" "$tmp/disk/ws" || fail "a full disk changed the BUILD files above"
[ -z "$(find "$tmp/disk/ws" -name '*.tmp')" ] || fail "temporary files left: $(find "$tmp/disk/ws" -name '*.tmp')"
say "a full disk: exit $rc, the file named, every BUILD.bazel as it was, no temporary file left"
rm "$tmp/disk/filler"
run_gazelle "$tmp/disk/ws" 2>"$tmp/full.err" || { cat "$tmp/full.err"; fail "Gazelle failed with space again"; }
grep -q cowrap_library "$tmp/disk/ws/p1/BUILD.bazel" || fail "with space again, Gazelle wrote no cowrap_library"
say "OK"
