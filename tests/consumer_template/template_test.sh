#!/bin/bash
# tests/consumer_template/template_test.sh - a C project with its own marks and text/template
# (docs/templates.md) gets buildable targets from Gazelle in every package, with no hand edit
# (issue 16: # gazelle:cowrap_template).
#
# tests/consumer_template is that module: the root BUILD.bazel holds the README's Gazelle snippet
# and the directives cowrap_marks, cowrap_include, cowrap_template (//tmpl:twins.tmpl) and
# cowrap_visibility; files/ and net/ are two packages with a cc_library each and a marked header
# (rt_blocking); the template writes twins that run the coroutine function on rules_cowrap's
# runtime (cowrap_run_coroutine); app/ calls both twins. On a copy under /tmp, with the README's
# MODULE.bazel verbatim and a copy of this working tree at ../rules_cowrap:
#   1. both cowrap_library targets are deleted and Gazelle writes them again, as checked in
#      (template, marks, include_lines and deps from the directives), printing nothing;
#   2. everything builds and the binary runs, calling both twins;
#   3. a new package (a cc_library and a marked header): Gazelle gives it a target with the
#      template, which builds with no hand edit;
#   4. `bazel run //:gazelle -- -mode=diff` is clean.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
here=$repo/tests/consumer_template
# shellcheck source=tests/lib/consumer.sh
. "$repo/tests/lib/consumer.sh"
consumer_start consumer-template
[[ "$(cat "$here/BUILD.bazel")" == "$(cat BUILD.bazel)"* ]] ||
  fail "tests/consumer_template/BUILD.bazel does not start with the README's BUILD.bazel snippet"
consumer_copy "$here" .
no_keep .
consumer_buildozer
"$buildozer" -quiet delete //files:%cowrap_library //net:%cowrap_library
[ -z "$("$buildozer" 'print label' //...:%cowrap_library)" ] || fail "could not delete the cowrap_library targets"

echo "=== 1. Gazelle writes both packages' targets, as checked in"
gazelle
"$buildozer" 'print label template' //...:%cowrap_library
for p in files net; do
  diff -u "$here/$p/BUILD.bazel" "$p/BUILD.bazel" || fail "Gazelle wrote $p/BUILD.bazel otherwise than tests/consumer_template/$p/BUILD.bazel"
done

echo "=== 2. build, link and run the binary that calls the twins"
run_demo //app:demo "files_read = 3 (ccc), net_send = 1005 in 2 coroutine(s)"

echo "=== 3. a new package gets a target with the template, which builds with no hand edit"
mkdir disk
sed -e 's/files/disk/g' -e 's/FILES/DISK/g' files/files.h >disk/disk.h
sed -e 's/files/disk/g' files/files.c >disk/disk.c
cat >disk/BUILD.bazel <<'EOF'
load("@rules_cc//cc:defs.bzl", "cc_library")

cc_library(
    name = "disk",
    srcs = ["disk.c"],
    hdrs = ["disk.h"],
    deps = ["@rules_cowrap//runtime:core"],
)
EOF
gazelle
[ "$("$buildozer" 'print template' //disk:disk_cowrap)" = //tmpl:twins.tmpl ] ||
  { cat disk/BUILD.bazel; fail "//disk:disk_cowrap has no template //tmpl:twins.tmpl"; }
bazel build //disk:all || fail "bazel build //disk:all"
no_keep .

echo "=== 4. Gazelle -mode=diff is clean"
bazel run //:gazelle -- -mode=diff || fail "gazelle -mode=diff found changes"
echo "PASS: a template project's packages build with what Gazelle writes, no hand edit"
