#!/bin/bash
# tests/gazelle/golden.sh [-update] [CASE...] - run the golden workspaces of gazelle/testdata with a
# Gazelle built by `go build` (gazelle/cmd/build.sh), the way Bazel's gazelle_generation_test
# (//gazelle:golden_test) does: BUILD.in files become BUILD.bazel, arguments.txt gives the
# arguments, and the BUILD.out files, expectedStderr.txt and expectedExitCode.txt must match.
# For working without Bazel (`go test ./gazelle` also runs them in process, TestGolden); -update
# rewrites the expectations (review the diff!).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
update=false
[ "${1:-}" = -update ] && { update=true; shift; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=${GAZELLE_BIN:-$tmp/gazelle}
[ -x "$bin" ] || "$repo/gazelle/cmd/build.sh" "$bin" go,cowrap
cases=("$@")
[ ${#cases[@]} -gt 0 ] || mapfile -t cases < <(cd "$repo/gazelle/testdata" && ls)
pass=0 fail=0
for c in "${cases[@]}"; do
  src=$repo/gazelle/testdata/$c ws=$tmp/ws/$c
  [ -f "$src/MODULE.bazel" ] || continue
  mkdir -p "$ws" && cp -r "$src/." "$ws/"
  (cd "$ws" && find . -name 'BUILD.out' -delete && find . -name BUILD.in | while read -r f; do mv "$f" "${f%.in}.bazel"; done)
  args=()
  [ -f "$src/arguments.txt" ] && mapfile -t args < "$src/arguments.txt"
  rc=0
  (cd "$ws" && BUILD_WORKSPACE_DIRECTORY=$ws "$bin" "${args[@]}" >"$tmp/stdout" 2>"$tmp/stderr") || rc=$?
  sed -i "s|$ws|%WORKSPACEPATH%|g" "$tmp/stdout" "$tmp/stderr"
  ok=true
  want_rc=$(cat "$src/expectedExitCode.txt" 2>/dev/null || echo 0)
  [ "$rc" = "$want_rc" ] || { echo "$c: exit code $rc, want $want_rc"; ok=false; }
  for s in Stdout Stderr; do
    lc=$(echo $s | tr A-Z a-z)
    if ! diff -u <(cat "$src/expected$s.txt" 2>/dev/null || true) "$tmp/$lc" >"$tmp/d"; then
      if $update; then cp "$tmp/$lc" "$src/expected$s.txt"; else echo "$c: $lc differs:"; cat "$tmp/d"; ok=false; fi
    fi
  done
  while read -r out; do
    got=$ws/${out%.out}.bazel
    if ! diff -u "$src/$out" "$got" >"$tmp/d" 2>&1; then
      if $update && [ -f "$got" ]; then cp "$got" "$src/$out"; else echo "$c: $out differs:"; cat "$tmp/d"; ok=false; fi
    fi
  done < <(cd "$src" && find . -name BUILD.out | sed 's|^\./||')
  if $update; then   # new BUILD files with no BUILD.out yet
    (cd "$ws" && find . -name BUILD.bazel | sed 's|^\./||') | while read -r b; do
      [ -f "$src/${b%.bazel}.out" ] || cp "$ws/$b" "$src/${b%.bazel}.out"
    done
    [ "$rc" = "$want_rc" ] || echo "$rc" > "$src/expectedExitCode.txt"
  fi
  $ok && pass=$((pass+1)) || fail=$((fail+1))
done
echo "gazelle golden: $pass passed, $fail failed"
[ "$fail" = 0 ]
