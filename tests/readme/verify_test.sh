#!/bin/bash
# tests/readme/verify_test.sh - the README's QEMU verification commands (marked
# <!-- verify: qemu -->): each names a script that tools/test_all.sh runs (its EXTRA list, with
# QEMU_SRC: the run on a QEMU tree), and, run as written but without a QEMU path (QEMU_PATH left
# out, QEMU_SRC unset), prints a line "SKIP: ..." and exits 0, as the README says.
set -euo pipefail
# shellcheck source=tests/readme/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$repo"
commands=$(readme_snippet "verify: qemu") || exit 1
n=0
while IFS= read -r cmd; do
  [ -n "$cmd" ] || continue
  n=$((n + 1))
  script=${cmd%% *}
  grep -qE "^ +$script( |$)" tools/test_all.sh || fail "tools/test_all.sh does not run $script (EXTRA)"
  env -u QEMU_SRC bash -c "${cmd//QEMU_PATH/}" </dev/null >"$tmp/out" 2>&1 ||
    { cat "$tmp/out" >&2; fail "without a QEMU path, \`$cmd\` failed"; }
  grep -q '^SKIP: ' "$tmp/out" || { cat "$tmp/out" >&2; fail "without a QEMU path, \`$cmd\` printed no SKIP line"; }
  say "$script: run by tools/test_all.sh; skips without a QEMU path"
done <<<"$commands"
[ "$n" -gt 0 ] || fail "the README's <!-- verify: qemu --> snippet is empty"
