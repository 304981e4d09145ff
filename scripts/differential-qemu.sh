#!/usr/bin/env bash
# Differential test: random headers through every QEMU release's own
# scripts/block-coroutine-wrapper.py and through cowrap (issue 7).
#
# usage: scripts/differential-qemu.sh [QEMU_PATH]     (default: $QEMU_SRC)
#
# QEMU_PATH is a QEMU git dir or mirror holding the releases of cowrap's
# release table (tools/dialects). For each release, internal/cgrammar writes
# DIFF_CASES random cases (one or two headers each; comments, odd spacing,
# C++ guards, #if, CRLF, broken declarations) and for each case:
#   - cowrap -lenient fails exactly where the script fails, and otherwise
#     writes the same bytes from the first #include on;
#   - where strict cowrap accepts, its output is those same bytes too.
# A failing case is kept under $DIFF_KEEP (default: a temp dir that is
# printed) with the script's and cowrap's outputs.
#
# env: DIFF_CASES=N  cases per release (default 3, the budget in tools/test_all.sh)
#      DIFF_SEED=N   first seed (default 1); case K of release R uses seed+K
#      COWRAP=path   use this binary instead of building gen/cmd/cowrap
# Long run: DIFF_CASES=500 DIFF_SEED=$RANDOM scripts/differential-qemu.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/qemu-lib.sh
. "$here/qemu-lib.sh"

qemu_src_or_skip differential-qemu "${1:-}" python3
[[ -e $Q ]] || { echo "differential-qemu: $Q does not exist" >&2; exit 2; }
git --git-dir="$Q" rev-parse --git-dir >/dev/null 2>&1 ||
  { echo "differential-qemu: $Q is not a QEMU git dir" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cowrap=$(build_cowrap "$tmp")
load_releases || exit 1
(cd "$here/.." && go build -o "$tmp/randheaders" ./internal/cgrammar/cmd/randheaders)

cases=${DIFF_CASES:-3} seed=${DIFF_SEED:-1}
keep=${DIFF_KEEP:-}
passed=0 failed=0 both_fail=0 strict_ok=0

# fail CASE_DIR MESSAGE: report a mismatch and keep the case.
fail() {
  failed=$((failed + 1))
  if [[ -z $keep ]]; then keep=$(mktemp -d /tmp/cowrap-differential.XXXXXX); fi
  local dest
  dest=$keep/$(basename "$(dirname "$1")")-$(basename "$1")
  cp -r "$1" "$dest"
  echo "  FAIL $2 (kept in $dest)"
}

while read -r tag commit dialect _; do
  [[ -n $tag ]] || continue
  dir=$tmp/$dialect
  mkdir -p "$dir"
  git --git-dir="$Q" show "$commit:$QEMU_SCRIPT" >"$dir/script.py"
  k=0
  while read -r -a inputs; do
    c=$dir/case$k
    mkdir -p "$c"
    mv "${inputs[@]}" "$c/"
    files=()
    for f in "${inputs[@]}"; do files+=("$c/$(basename "$f")"); done
    k=$((k + 1))
    q=0 l=0 s=0
    python3 "$dir/script.py" "$c/qemu.c" "${files[@]}" 2>"$c/qemu.err" || q=$?
    "$cowrap" -dialect "$dialect" -lenient -o "$c/lenient.c" "${files[@]}" 2>"$c/lenient.err" || l=$?
    "$cowrap" -dialect "$dialect" -o "$c/strict.c" "${files[@]}" 2>"$c/strict.err" || s=$?
    if ((q != 0 && l != 0)); then
      both_fail=$((both_fail + 1))
    elif ((q != 0)); then
      fail "$c" "$dialect: the script fails ($(tail -1 "$c/qemu.err")), cowrap -lenient does not"
      continue
    elif ((l != 0)); then
      fail "$c" "$dialect: cowrap -lenient fails ($(head -1 "$c/lenient.err")), the script does not"
      continue
    elif ! cmp -s <(from_include "$c/qemu.c") <(from_include "$c/lenient.c"); then
      fail "$c" "$dialect: -lenient output differs from the script's"$'\n'"$(first_diff "$c/qemu.c" "$c/lenient.c")"
      continue
    fi
    if ((s == 0)); then
      strict_ok=$((strict_ok + 1))
      if ((q != 0)) || ! cmp -s <(from_include "$c/qemu.c") <(from_include "$c/strict.c"); then
        fail "$c" "$dialect: strict cowrap accepted, but its output is not the script's"
        continue
      fi
    fi
    passed=$((passed + 1))
  done < <("$tmp/randheaders" -dialect "$dialect" -n "$cases" -seed "$seed" -o "$dir/new")
done <<<"$QEMU_RELEASES"

echo "differential-qemu: $passed cases agree ($both_fail fail in both, $strict_ok accepted by strict mode too), $failed differ (seeds from $seed, $cases per release)"
((failed == 0))
