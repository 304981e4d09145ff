#!/bin/bash
# tests/consumer_split/split_test.sh - a consumer in QEMU's split shape links with what Gazelle
# writes, with no hand edit and no `# keep` (issue 16).
#
# tests/consumer_split is that module: the root BUILD.bazel holds the README's Gazelle snippet
# (line by line; the module's own load comes among its loads) with # gazelle:cowrap_collect and
# the headers cc_library (hdrs = glob(["include/**/*.h"])); block/ is the implementation, another
# cc_library in another package, which defines what the wrappers call (blk_co_pread for the
# co_wrapper blk_pread, blk_drain for the no_co_wrapper blk_co_drain); app/ is a binary that
# depends on the headers and the generated target only. On a copy under /tmp, with the README's
# MODULE.bazel verbatim and a copy of this working tree at ../rules_cowrap:
#   1. the cowrap_library is deleted and Gazelle writes it again, as checked in, printing
#      nothing: its deps hold //block:impl, found by the functions block/*.c define;
#   2. everything builds and the binary runs, calling both wrappers;
#   3. without //block:impl in deps (the target's deps before issue 16) the link fails with
#      `undefined reference to 'blk_co_pread'`: the dep is what links; Gazelle puts it back;
#   4. `bazel run //:gazelle -- -mode=diff` is clean.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
here=$repo/tests/consumer_split
# shellcheck source=tests/lib/consumer.sh
. "$repo/tests/lib/consumer.sh"
consumer_start consumer-split
# The README's root BUILD.bazel, line by line and in order, in the module's.
awk 'NR == FNR { if ($0 != "") want[++n] = $0; next } k < n && $0 == want[k + 1] { k++ } END { exit k < n }' \
  BUILD.bazel "$here/BUILD.bazel" || fail "tests/consumer_split/BUILD.bazel does not hold the README's BUILD.bazel snippet"
consumer_copy "$here" .
no_keep .
consumer_buildozer
"$buildozer" -quiet delete //:%cowrap_library
[ -z "$("$buildozer" 'print label' //:%cowrap_library)" ] || fail "could not delete the cowrap_library from BUILD.bazel"

want="blk_pread = 4, buf[3] = 42, blk_co_drain = 7"

echo "=== 1. Gazelle writes the cowrap_library, as checked in, with //block:impl in deps"
gazelle
"$buildozer" 'print label deps' //:%cowrap_library
diff -u "$here/BUILD.bazel" BUILD.bazel || fail "Gazelle wrote BUILD.bazel otherwise than tests/consumer_split/BUILD.bazel"
no_keep .

echo "=== 2. build, link and run the binary that calls the wrappers"
run_demo //app:demo "$want"

echo "=== 3. without //block:impl, the generated target does not link; Gazelle puts it back"
"$buildozer" -quiet 'remove deps //block:impl' //:%cowrap_library
if bazel build //app:demo 2>"$top/link.err"; then
  fail "//app:demo linked without //block:impl in the generated target's deps"
fi
grep -E "undefined reference to .blk_co_pread'" "$top/link.err" || { cat "$top/link.err"; fail "no undefined reference to blk_co_pread"; }
gazelle
diff -u "$here/BUILD.bazel" BUILD.bazel || fail "Gazelle did not put //block:impl back"
run_demo //app:demo "$want"

echo "=== 4. Gazelle -mode=diff is clean"
bazel run //:gazelle -- -mode=diff || fail "gazelle -mode=diff found changes"
echo "PASS: a QEMU-shaped consumer links what Gazelle writes, with no hand edit and no # keep"
