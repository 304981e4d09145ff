#!/bin/bash
# bench/gazelle/run.sh [FILES [RUNS]] - time Gazelle with and without the cowrap language.
#
# Writes a synthetic C tree of FILES files with bench/cmd/synth -tree (default 20000: half .h,
# half .c, 100 per directory, 1 % of them with a co_wrapper declaration, the rest with
# QEMU-like code whose words never spell a mark; see synth.Tree), then times two Gazelle binaries built by gazelle/cmd/build.sh
# from the same Gazelle sources: "go" (the Go language alone) and "go,cowrap". Both run
# RUNS times (default 9), alternating, over the same warm tree with its BUILD files already
# written (a steady-state `bazel run //:gazelle`), and the medians are compared.
# A benchmark, not a test: it checks nothing. Figures: bench/gazelle/README.md.
set -euo pipefail
files=${1:-20000} runs=${2:-9}
repo=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$repo/gazelle/cmd/build.sh" "$tmp/gazelle-go" go
"$repo/gazelle/cmd/build.sh" "$tmp/gazelle-go-cowrap" go,cowrap
ws=$tmp/ws
mkdir -p "$ws" && touch "$ws/MODULE.bazel"
(cd "$repo" && go run ./bench/cmd/synth -tree "$files" -o "$ws")
echo "tree: $(find "$ws" -type f -name '*.[ch]' | wc -l) C files, $(grep -rl co_wrapper "$ws" | wc -l) marked, $(du -sh "$ws" | cut -f1)"
(cd "$ws" && "$tmp/gazelle-go-cowrap" -repo_root "$ws" 2>/dev/null) || true   # write the BUILD files once
echo "BUILD files: $(find "$ws" -name BUILD.bazel | wc -l)"
TIMEFORMAT='%R %U %S'
for _ in $(seq "$runs"); do
  for b in go go-cowrap; do
    { time (cd "$ws" && "$tmp/gazelle-$b" -repo_root "$ws" >/dev/null 2>&1); } 2>>"$tmp/times-$b"
  done
done
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
report() { # NAME
  real=$(cut -d' ' -f1 "$tmp/times-$1" | median)
  cpu=$(awk '{ print $2 + $3 }' "$tmp/times-$1" | median)
  echo "$1: median wall ${real}s, median user+sys ${cpu}s ($runs runs)"
}
report go
report go-cowrap
awk -v a="$(cut -d' ' -f1 "$tmp/times-go" | median)" -v b="$(cut -d' ' -f1 "$tmp/times-go-cowrap" | median)" \
  'BEGIN { printf "cowrap overhead (wall): %+.1f %%\n", (b - a) / a * 100 }'
awk -v a="$(awk '{ print $2 + $3 }' "$tmp/times-go" | median)" -v b="$(awk '{ print $2 + $3 }' "$tmp/times-go-cowrap" | median)" \
  'BEGIN { printf "cowrap overhead (cpu):  %+.1f %%\n", (b - a) / a * 100 }'
