#!/bin/bash
# bench/gazelle/run.sh [FILES|TREE [RUNS [NAME=GAZELLE]...]] - time Gazelle with and without the
# cowrap language.
#
# The tree: a synthetic C tree of FILES files written by bench/cmd/synth -tree (default 20000:
# half .h, half .c, 100 per directory, 1 % of them with a co_wrapper declaration, the rest with
# QEMU-like code whose words never spell a mark; see synth.Tree), or a copy of directory TREE
# (a QEMU checkout, say). It builds two Gazelle binaries with tools/release -gazelle from the same
# Gazelle sources: "go" (the Go language alone) and "go-cowrap" (go,cowrap); each NAME=GAZELLE
# adds a Gazelle binary built elsewhere (another version of this repository, say). All run RUNS
# times (default 9), alternating, over the same warm tree with its BUILD files already written
# (a steady-state `bazel run //:gazelle`). It prints the load average, each binary's minimum and
# median wall and CPU (user + sys) times, and each one's overhead over "go".
# RT=1 runs each Gazelle at real-time priority (chrt -f 50; root), so that other jobs on a shared
# machine neither take its cores nor add their noise: the figures of a machine with its cores free.
# A benchmark, not a test: it checks nothing. Figures: bench/gazelle/README.md.
set -euo pipefail
what=${1:-20000} runs=${2:-9}
shift $(($# < 2 ? $# : 2))
repo=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$repo" && go run ./tools/release -gazelle "$tmp/gazelle-go" -languages @gazelle//language/go &&
  go run ./tools/release -gazelle "$tmp/gazelle-go-cowrap" -languages @gazelle//language/go,//gazelle)
names=(go go-cowrap)
for v in "$@"; do
  names+=("${v%%=*}")
  ln -s "$(realpath "${v#*=}")" "$tmp/gazelle-${v%%=*}"
done
ws=$tmp/ws
if [ -d "$what" ]; then
  cp -a "$what" "$ws"
else
  mkdir -p "$ws"
  (cd "$repo" && go run ./bench/cmd/synth -tree "$what" -o "$ws")
fi
touch "$ws/MODULE.bazel"
echo "tree: $(find "$ws" -type f -name '*.[ch]' | wc -l) C files, $(grep -rl co_wrapper "$ws" | wc -l) marked, $(du -sh "$ws" | cut -f1)"
(cd "$ws" && "$tmp/gazelle-go-cowrap" -repo_root "$ws" 2>/dev/null) || true   # write the BUILD files once
echo "BUILD files: $(find "$ws" -name BUILD.bazel | wc -l)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
TIMEFORMAT='%R %U %S'
prio=()
if [ "${RT:-}" = 1 ]; then
  prio=(chrt -f 50)
  "${prio[@]}" true || { echo "$0: RT=1 needs real-time priority (chrt -f 50): run as root" >&2; exit 2; }
fi
echo "priority: ${prio[*]:-normal}"
for _ in $(seq "$runs"); do
  for b in "${names[@]}"; do
    { time (cd "$ws" && "${prio[@]}" "$tmp/gazelle-$b" -repo_root "$ws" >/dev/null 2>&1); } 2>>"$tmp/times-$b"
  done
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
stat() { # NAME wall|cpu -> "MIN MEDIAN"
  if [ "$2" = wall ]; then cut -d' ' -f1 "$tmp/times-$1"; else awk '{ print $2 + $3 }' "$tmp/times-$1"; fi |
    sort -n | awk '{ a[NR] = $1 } END { print a[1], a[int((NR + 1) / 2)] }'
}
read -r gw_min gw_med <<<"$(stat go wall)"
read -r gc_min gc_med <<<"$(stat go cpu)"
for b in "${names[@]}"; do
  read -r w_min w_med <<<"$(stat "$b" wall)"
  read -r c_min c_med <<<"$(stat "$b" cpu)"
  awk -v n="$b" -v r="$runs" -v wm="$w_min" -v wd="$w_med" -v cm="$c_min" -v cd="$c_med" \
    -v gwm="$gw_min" -v gwd="$gw_med" -v gcm="$gc_min" -v gcd="$gc_med" 'BEGIN {
      printf "%s: wall min %.3fs median %.3fs, user+sys min %.3fs median %.3fs (%d runs)", n, wm, wd, cm, cd, r
      if (n != "go") printf "; over go: wall %+.1f %% (min) %+.1f %% (median), cpu %+.1f %% / %+.1f %%",
        (wm - gwm) / gwm * 100, (wd - gwd) / gwd * 100, (cm - gcm) / gcm * 100, (cd - gcd) / gcd * 100
      printf "\n" }'
done
