#!/bin/bash
# tests/gazelle/build_files_test.sh - the repository's own BUILD files are what Gazelle writes
# (the Go packages and the cowrap_library targets): `bazel run //:gazelle -- -mode=diff` must
# print no diff. To fix a failure, run tools/update and commit the result.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! tools/bazel run //:gazelle -- -mode=diff >"${TMPDIR:-/tmp}/gazelle-diff.$$" 2>&1; then
  cat "${TMPDIR:-/tmp}/gazelle-diff.$$"; rm -f "${TMPDIR:-/tmp}/gazelle-diff.$$"
  echo "FAIL: BUILD files are out of date; run tools/update"
  exit 1
fi
rm -f "${TMPDIR:-/tmp}/gazelle-diff.$$"
echo "PASS: BUILD files are up to date"
