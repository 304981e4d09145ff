#!/bin/bash
# tests/consumer/repo_name_test.sh - the README's "Common errors" advice for a repo_name added
# after Gazelle ran, on a copy of tests/consumer (its BUILD files as Gazelle writes them):
#   1. with `repo_name = "cw"` on the bazel_dep of rules_cowrap, the build fails with the
#      message the README quotes (the root BUILD.bazel still names @rules_cowrap);
#   2. the README's steps (marked `<!-- repo_name: steps -->`) run as shown: rename every
#      @rules_cowrap label, run Gazelle; then no file names @rules_cowrap, everything builds,
#      the binary runs and `gazelle -mode=diff` is clean.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
here=$repo/tests/consumer
# shellcheck source=tests/lib/consumer.sh
. "$repo/tests/lib/consumer.sh"
consumer_start repo-name
cp -r "$here/kv" kv

echo "=== 1. repo_name = \"cw\" added after Gazelle ran: the build fails as the README says"
sed -i 's|^bazel_dep(name = "rules_cowrap")$|bazel_dep(name = "rules_cowrap", repo_name = "cw")|' MODULE.bazel
grep -qF 'repo_name = "cw")' MODULE.bazel || fail "the README's MODULE.bazel has no bazel_dep(name = \"rules_cowrap\") line"
if bazel build //... >"$top/build.out" 2>&1; then fail "the build passed with stale @rules_cowrap labels"; fi
want=$(sed -n 's/^- \*\*`\.\.\. \(.*\)`\*\*: a `repo_name`.*/\1/p' "$repo/README.md")
[ -n "$want" ] || fail "README.md's Common errors quote no message for repo_name"
grep -qF "$want" "$top/build.out" || { cat "$top/build.out"; fail "the build did not say what the README quotes: $want"; }
echo "as the README says: $want"

echo "=== 2. the README's steps"
steps=$(readme_snippet "repo_name: steps") || exit 1
echo "$steps"
eval "$steps" || fail "the README's steps failed"
if grep -rn '@rules_cowrap//' .; then fail "files still name @rules_cowrap"; fi
grep -qF 'load("@cw//rules:defs.bzl", "cowrap_library")' kv/BUILD.bazel || fail "kv/BUILD.bazel does not load @cw//rules:defs.bzl"
run_demo //kv:demo "kv_get(7) = 42 in 1 coroutine(s)"
bazel run //:gazelle -- -mode=diff || fail "gazelle -mode=diff found changes"
echo "PASS: after repo_name, the README's steps give a module that builds and runs"
