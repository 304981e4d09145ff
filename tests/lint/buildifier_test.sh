#!/bin/bash
# tests/lint/buildifier_test.sh - every Starlark file of the repository, Gazelle's golden BUILD.in
# and BUILD.out files included, is formatted and `buildifier -lint=warn` clean.
# buildifier is the version of github.com/bazelbuild/buildtools that go.mod pins (one fact).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/lib/buildtools.sh
. tests/lib/buildtools.sh
version=$(go list -m -f '{{.Version}}' github.com/bazelbuild/buildtools)
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
buildtool buildifier "$bin" >/dev/null
mapfile -t starlark < <(git ls-files -- '*.bzl' '*.bazel' 'BUILD' '*/BUILD' 'WORKSPACE' '*.star')
mapfile -t golden < <(git ls-files -- '*BUILD.in' '*BUILD.out')
rc=0
"$bin/buildifier" -lint=warn -mode=check "${starlark[@]}" || rc=1
"$bin/buildifier" -lint=warn -mode=check --type=build "${golden[@]}" || rc=1
[ $rc = 0 ] || { echo "buildifier: fix with: buildifier -lint=fix FILE (BUILD.in/BUILD.out: add --type=build)"; exit 1; }
echo "buildifier $version: ${#starlark[@]} Starlark files and ${#golden[@]} golden BUILD files clean"
