#!/bin/bash
# bench/toolchain.sh - the cold build of a C project with the prebuilt generator toolchain and
# with the from-source one, side by side in one run (issue 11; figures in bench/README.md).
# The project is tests/consumer_prebuilt, set up as its test does (tests/consumer_prebuilt/lib.sh:
# release archives from this working tree, served by nginx on loopback). Each build starts from
# an empty output base (a new copy, so a new Bazel server) with no disk, repository or remote
# cache. A benchmark, not a test: it prints figures and fails only if a build fails.
#   bench/toolchain.sh [RUNS]   (default 1 cold build of each kind)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-1}
fail() { printf '[bench/toolchain] FAIL: %s\n' "$*" >&2; exit 1; }
tmp=$(mktemp -d /tmp/cowrap-bench-toolchain.XXXXXX)
. "$repo/tests/consumer_prebuilt/lib.sh"
dirs=()
cleanup() {
  set +e
  prebuilt_cleanup
  for d in "${dirs[@]}"; do (cd "$d" && "$repo/tools/bazel" clean --expunge >/dev/null 2>&1); done
  rm -rf "$tmp"
}
trap cleanup EXIT
echo "setting up: tools/release -version (README's) and nginx"
prebuilt_setup "$tmp" >/dev/null

row() { printf '| %-11s | %8s | %10s | %6s | %9s |\n' "$@"; }
echo
echo "cold \`bazel build //...\` of tests/consumer_prebuilt; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
row toolchain "wall [s]" "Bazel [s]" spawns "Go spawns"
row ----------- -------- ---------- ------ ---------
for i in $(seq "$runs"); do
  for kind in prebuilt source; do
    d=$tmp/$kind-$i
    prebuilt_consumer "$d"
    dirs+=("$d")
    extra=()
    [ $kind = prebuilt ] || extra=(--extra_toolchains=@rules_cowrap//toolchains:from_source)
    t0=$(date +%s.%N)
    (cd "$d" && "$repo/tools/bazel" build --disk_cache= --repository_cache= "${extra[@]}" \
      --execution_log_json_file="$tmp/$kind-$i.json" //... 2>"$tmp/$kind-$i.err") ||
      { tail -20 "$tmp/$kind-$i.err"; fail "$kind build failed"; }
    wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    bazel_s=$(sed -n 's/.*Elapsed time: \([0-9.]*\)s.*/\1/p' "$tmp/$kind-$i.err")
    spawns=$(grep -c '"mnemonic"' "$tmp/$kind-$i.json" || true)
    go=$(grep -cE '"mnemonic": "Go' "$tmp/$kind-$i.json" || true)
    row "$kind" "$wall" "$bazel_s" "$spawns" "$go"
    # free the memory of this server before the next cold start
    (cd "$d" && "$repo/tools/bazel" shutdown >/dev/null 2>&1) || true
  done
done
echo "wall: the whole tools/bazel command (Bazel server start, module resolution, fetches, build)"
