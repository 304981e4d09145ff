#!/bin/bash
# bench/toolchain.sh - the cold first Gazelle run and the cold build of a C project with the
# prebuilt binaries (generator and Gazelle) and built from source, side by side in one run
# (issues 11 and 18; figures in bench/README.md). The project is tests/consumer_prebuilt, set up
# as its test does (tests/consumer_prebuilt/lib.sh: release archives from this working tree,
# served by nginx on loopback); "source" is the same module without the cowrap.prebuilt lines.
# Each command starts from an empty output base (a new copy, so a new Bazel server) with no
# disk, repository or remote cache: `bazel run //:gazelle` on the project without its
# cowrap_library, `bazel build //...` on it with the cowrap_library Gazelle writes. A
# benchmark, not a test: it prints figures and fails only if a command fails.
#   bench/toolchain.sh [RUNS]   (default 1 cold run of each)
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

row() { printf '| %-11s | %-22s | %8s | %10s | %6s | %9s |\n' "$@"; }
echo
echo "cold first \`bazel run //:gazelle\` and cold \`bazel build //...\` of tests/consumer_prebuilt; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
row binaries command "wall [s]" "Bazel [s]" spawns "Go spawns"
row ----------- ---------------------- -------- ---------- ------ ---------
for i in $(seq "$runs"); do
  for kind in prebuilt source; do
    for cmd in gazelle build; do
      d=$tmp/$kind-$cmd-$i
      prebuilt_consumer "$d"
      dirs+=("$d")
      # from source: the README's MODULE.bazel without the cowrap.prebuilt lines
      [ $kind = prebuilt ] || sed -i '/^cowrap = use_extension/,/^)$/d' "$d/MODULE.bazel"
      [ $kind = prebuilt ] || ! grep -qF 'cowrap.prebuilt(' "$d/MODULE.bazel" || fail "could not remove cowrap.prebuilt"
      args=(run //:gazelle)
      # the build: BUILD.bazel as Gazelle writes it (the checked-in one)
      [ $cmd = gazelle ] || { cp "$here/BUILD.bazel" "$d/BUILD.bazel"; args=(build //...); }
      log=$tmp/$kind-$cmd-$i
      t0=$(date +%s.%N)
      (cd "$d" && "$repo/tools/bazel" "${args[0]}" --disk_cache= --repository_cache= \
        --execution_log_json_file="$log.json" "${args[1]}" >"$log.out" 2>"$log.err") ||
        { tail -20 "$log.err"; fail "$kind: bazel ${args[*]} failed"; }
      wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
      bazel_s=$(sed -n 's/.*Elapsed time: \([0-9.]*\)s.*/\1/p' "$log.err")
      spawns=$(grep -c '"mnemonic"' "$log.json" || true)
      go=$(grep -cE '"mnemonic": "Go' "$log.json" || true)
      row "$kind" "bazel ${args[*]}" "$wall" "$bazel_s" "$spawns" "$go"
      # free the memory of this server before the next cold start
      (cd "$d" && "$repo/tools/bazel" shutdown >/dev/null 2>&1) || true
    done
  done
done
echo "wall: the whole tools/bazel command (Bazel server start, module resolution, fetches, build or run)"
echo "source: the consumer without cowrap.prebuilt (generator and Gazelle built with rules_go)"
