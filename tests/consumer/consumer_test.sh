#!/bin/bash
# tests/consumer/consumer_test.sh - a new Bazel module follows the README's installation section
# and builds the first time.
#
# tests/consumer is that module (also what the BCR presubmit builds): its MODULE.bazel and root
# BUILD.bazel are the README's snippets marked `<!-- consumer: FILE -->` (the checked-in
# MODULE.bazel reaches rules_cowrap at ../.. instead of ../rules_cowrap), and kv/ is a small C
# project (a key-value store on @rules_cowrap//runtime:qemu-b, the default dialect). On a copy
# under /tmp (the offline launcher's chroot sees the workspace and /tmp), with the README's
# snippets verbatim and a copy of this working tree at ../rules_cowrap:
#   1. the cowrap_library is deleted and Gazelle writes it again, as checked in, printing nothing
#      of its own on stderr;
#   2. everything builds and tests, and the binary runs, calling the wrappers;
#   3. a second marked header and code using it are added: Gazelle, build and run again, with
#      no hand edit of any BUILD file;
#   4. the README's commands (marked `<!-- commands: gazelle and build -->`: Gazelle, build,
#      `bazel run //:gazelle -- -mode=diff`) run as written: each exits 0 and no BUILD file changes.
# The README's cowrap_library example (marked `<!-- cowrap_library: kv -->`) is, but for its
# comments, the target that step 1 checks Gazelle writes.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
here=$repo/tests/consumer
# shellcheck source=tests/lib/consumer.sh
. "$repo/tests/lib/consumer.sh"
consumer_start consumer
for f in MODULE.bazel BUILD.bazel; do
  echo "--- $f (from README.md)"
  cat "$f"
done
diff -u "$here/BUILD.bazel" BUILD.bazel || fail "tests/consumer/BUILD.bazel differs from the README's snippet"
example=$(readme_snippet "cowrap_library: kv" | sed 's/ *#.*//') || exit 1
grep -qxF "$(head -n 1 <<<"$example")" "$here/kv/BUILD.bazel" &&
  [[ "$(cat "$here/kv/BUILD.bazel")" == *"$(sed -n '/^cowrap_library(/,$p' <<<"$example")" ]] ||
  fail "the README's cowrap_library example (<!-- cowrap_library: kv -->) is not tests/consumer/kv/BUILD.bazel's, comments aside"
consumer_copy "$here" .
consumer_buildozer
"$buildozer" -quiet delete //kv:%cowrap_library
[ -z "$("$buildozer" 'print label' //kv:%cowrap_library)" ] || fail "could not delete the cowrap_library from kv/BUILD.bazel"
# demo WANT: build and test everything, run //kv:demo, check its output line.
demo() {
  run_demo //kv:demo "$1"
  bazel test //... || fail "bazel test //..."
}

echo "=== 1. Gazelle writes the cowrap_library, as checked in"
gazelle
diff -u "$here/kv/BUILD.bazel" kv/BUILD.bazel || fail "Gazelle wrote kv/BUILD.bazel otherwise than tests/consumer/kv/BUILD.bazel"

echo "=== 2. build, test and run the binary that calls the wrappers"
demo "kv_get(7) = 42 in 1 coroutine(s)"

echo "=== 3. a second marked header: Gazelle, build and run with no hand edit of a BUILD file"
cat >kv/stats.h <<'EOC'
#ifndef KV_STATS_H
#define KV_STATS_H

#include "block/block-common.h"

int coroutine_fn kv_co_sum(BlockDriverState *bs, int from, int to);
int co_wrapper kv_sum(BlockDriverState *bs, int from, int to);

#endif /* KV_STATS_H */
EOC
cat >kv/stats.c <<'EOC'
#include "kv/kv.h"
#include "kv/stats.h"

int coroutine_fn kv_co_sum(BlockDriverState *bs, int from, int to)
{
    int sum = 0;
    for (int k = from; k < to; k++) {
        sum += kv_get(bs, k); /* a mixed wrapper: called directly inside a coroutine */
    }
    return sum;
}
EOC
cat >kv/main.c <<'EOC'
#include <stdio.h>

#include "cowrap/rt.h"
#include "kv/kv.h"
#include "kv/stats.h"

int main(void)
{
    BlockDriverState bs = {.node_name = "kv0"};
    kv_put(&bs, 1, 40);
    kv_put(&bs, 2, 2);
    int v = kv_get(&bs, 1);
    int sum = kv_sum(&bs, 0, 4);
    printf("kv_get(1) = %d, kv_sum(0, 4) = %d in %u coroutine(s)\n", v, sum,
           cowrap_rt_stats.coroutines_created);
    return v == 40 && sum == 42 && cowrap_rt_stats.coroutines_created == 2 ? 0 : 1;
}
EOC
gazelle
"$buildozer" 'print rule' //kv:%cowrap_library
srcs=$("$buildozer" 'print srcs' //kv:kv_cowrap)
[ "$srcs" = "[kv.h stats.h]" ] || fail "kv_cowrap srcs: $srcs, want [kv.h stats.h]"
demo "kv_get(1) = 40, kv_sum(0, 4) = 42 in 2 coroutine(s)"

echo "=== 4. the README's commands, as written: they change no BUILD file, -mode=diff is clean"
commands=$(readme_snippet "commands: gazelle and build") || exit 1
build_files() { mkdir -p "$1" && find . -name BUILD.bazel -exec cp --parents -t "$1" {} +; }
build_files "$top/before"
while IFS= read -r cmd; do
  [ -n "$cmd" ] || continue
  echo "--- README: $cmd"
  eval "$cmd" </dev/null || fail "the README's command failed: $cmd"
done <<<"$commands"
build_files "$top/after"
diff -ru "$top/before" "$top/after" || fail "the README's commands changed the BUILD files above"
echo "PASS: the README's installation snippets build a consumer module; Gazelle kept up with a new header"
