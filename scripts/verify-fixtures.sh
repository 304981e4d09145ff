#!/usr/bin/env bash
# Prove our golden fixtures match real QEMU: run each release's own
# block-coroutine-wrapper.py over the inputs of every fixture under
# gen/testdata/golden/ and compare with its expected.c from the first
# #include line to the end, and that the first #include is on the same line.
#
# usage: scripts/verify-fixtures.sh [QEMU_PATH [FIXTURE_DIR...]]   (default: $QEMU_SRC)
#   QEMU_PATH: a QEMU git dir/mirror (any fixture dialect), or a checkout
#   (only fixtures of its own dialect; the others are skipped).
# A fixture is a directory holding a `dialect` file (e.g. qemu-8.2), an `inputs`
# file listing its input headers in argv order (as internal/golden reads
# them: white-space separated), the headers and `expected.c`. A fixture without expected.c is an error
# case: QEMU's script must fail on it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/qemu-lib.sh
. "$here/qemu-lib.sh"

qemu_src_or_skip verify-fixtures "${1:-}" python3
shift || true
golden=$(cd "$here/.." && pwd)/gen/testdata/golden

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
load_releases || exit 1
newest=$(tail -1 <<<"$QEMU_RELEASES" | cut -d' ' -f3)

checkout_dialect=
if [[ -f $Q/VERSION && -f $Q/$QEMU_SCRIPT ]]; then
  v=$(tr -d '[:space:]' <"$Q/VERSION")
  checkout_dialect=$(release_field "v${v%.*}.0" 3)
elif ! git -C "$Q" rev-parse --git-dir >/dev/null 2>&1; then
  echo "verify-fixtures: $Q is neither a QEMU checkout nor a git dir" >&2
  exit 2
fi

# script_for DIALECT: path of that release's script (extracted once).
script_for() {
  local s=$tmp/scripts/$1.py commit
  if [[ ! -f $s ]]; then
    mkdir -p "$tmp/scripts"
    if [[ -n $checkout_dialect ]]; then
      cp "$Q/$QEMU_SCRIPT" "$s"
    else
      commit=$(release_field "$1" 2)
      [[ -n $commit ]] || return 1
      git -C "$Q" show "$commit:$QEMU_SCRIPT" >"$s" || return 1
    fi
  fi
  echo "$s"
}

if (($# > 0)); then
  fixtures=("$@")
else
  mapfile -t fixtures < <(find "$golden" -name dialect -type f -printf '%h\n' 2>/dev/null | LC_ALL=C sort)
fi
if ((${#fixtures[@]} == 0)); then
  echo "SKIP: verify-fixtures: no fixtures under gen/testdata/golden"
  exit 0
fi

passed=0 failed=0 skipped=0
for dir in "${fixtures[@]}"; do
  name=${dir#"$golden"/}
  dialect=$(tr -d '[:space:]' <"$dir/dialect")
  [[ $dialect != qemu ]] || dialect=$newest # bare "qemu" is the newest
  tag=$(release_field "$dialect" 1)
  if [[ -n $checkout_dialect && $dialect != "$checkout_dialect" ]]; then
    skipped=$((skipped + 1))
    continue
  fi
  inputs=()
  [[ -f $dir/inputs ]] && read -ra inputs -d '' <"$dir/inputs" || true
  out=$tmp/out/${name//\//_}.c
  mkdir -p "$tmp/out"
  problem=
  if ! script=$(script_for "$dialect"); then
    problem="no QEMU release for dialect '$dialect'"
  elif ((${#inputs[@]} == 0)); then
    problem="no input headers (an inputs file lists them)"
  elif (cd "$dir" && python3 "$script" "$out" "${inputs[@]}") 2>"$out.err"; then
    if [[ ! -f $dir/expected.c ]]; then
      problem="no expected.c (error case) but QEMU's script succeeded"
    elif ! cmp -s <(from_include "$dir/expected.c") <(from_include "$out"); then
      problem="expected.c differs from QEMU $tag's output"$'\n'"$(first_diff "$out" "$dir/expected.c")"
    elif [[ $(include_line "$dir/expected.c") != "$(include_line "$out")" ]]; then
      problem="expected.c's first #include is on line $(include_line "$dir/expected.c"), QEMU $tag's on line $(include_line "$out")"
    fi
  elif [[ -f $dir/expected.c ]]; then
    problem="QEMU's script failed: $(tail -1 "$out.err")"
  fi
  n=$(grep -c '^ \* Wrappers for ' "$out" 2>/dev/null) || true
  if [[ -z $problem ]]; then
    note=
    [[ -f $dir/expected.c ]] || note=" (rejected, as expected)"
    printf '%-28s %-10s %-8s %3s wrappers  OK%s\n' "$name" "$dialect" "$tag" "${n:-0}" "$note"
    passed=$((passed + 1))
  else
    printf '%-28s %-10s %-8s %3s wrappers  FAIL\n    %s\n' "$name" "$dialect" "$tag" "${n:-0}" "$problem"
    failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0))
