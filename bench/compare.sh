#!/usr/bin/env bash
# Benchmark cowrap against QEMU's block-coroutine-wrapper.py on large
# QEMU's own inputs and on synthetic headers (bench/synth) at 3 sizes to show
# linear growth: time, peak RSS against output size, and byte identity from
# the first #include.
#
# usage: bench/compare.sh [QEMU_PATH]      (default: $QEMU_SRC)
#   QEMU_PATH: QEMU git dir/mirror (benchmarks dialect B with v10.2.0's script
#   and dialect A with v6.2.0's) or a checkout (its own release only).
# env: SIZES="10000 20000 40000"  declarations per input set
#      RUNS=5                     timed runs per tool and size
#      COWRAP=path                prebuilt cowrap instead of building one
#      HYPERFINE=0                time with /usr/bin/time even if hyperfine exists
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/qemu-lib.sh
. "$root/scripts/qemu-lib.sh"

qemu_src_or_skip bench/compare "${1:-}" python3
SIZES=${SIZES:-10000 20000 40000}
RUNS=${RUNS:-5}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cowrap=$(build_cowrap "$tmp")
load_releases || exit 1
(cd "$root" && go build -o "$tmp/synth" ./bench/cmd/synth)

# What to run: "synth-family tag cowrap-dialect script real-inputs-dir", where
# the dir holds that release's own block_gen_c inputs (the first table row).
jobs=()
# real_inputs DIR: the block_gen_c inputs under DIR, as absolute paths.
real_inputs() {
  meson_inputs "$1/block/meson.build" | sed "s|^|$1/|"
}
if [[ -f $Q/VERSION && -f $Q/$QEMU_SCRIPT ]]; then
  v=$(tr -d '[:space:]' <"$Q/VERSION")
  d=$(release_field "v${v%.*}.0" 3)
  [[ -n $d ]] || { echo "compare: VERSION $v is not a known release" >&2; exit 2; }
  fam=$(release_field "$d" 5) # a script family: bench/cmd/synth -dialect takes it
  cp "$Q/$QEMU_SCRIPT" "$tmp/qemu-v$v.py"
  jobs+=("$fam v$v $d $tmp/qemu-v$v.py $Q")
else
  for tag in v10.2.0 v6.2.0; do
    commit=$(release_field "$tag" 2) dir=$tmp/real-$tag
    git -C "$Q" show "$commit:$QEMU_SCRIPT" >"$tmp/qemu-$tag.py"
    mkdir -p "$dir/block"
    git -C "$Q" show "$commit:block/meson.build" >"$dir/block/meson.build"
    while IFS= read -r f; do
      mkdir -p "$(dirname "$dir/$f")"
      git -C "$Q" show "$commit:$f" >"$dir/$f"
    done < <(meson_inputs "$dir/block/meson.build")
  done
  jobs+=("b v10.2.0 qemu-10.2 $tmp/qemu-v10.2.0.py $tmp/real-v10.2.0"
    "a v6.2.0 qemu-6.2 $tmp/qemu-v6.2.0.py $tmp/real-v6.2.0")
fi

# time_ms NAME CMD...: "WALL CPU", the mean wall and user+system times of
# CMD in ms. hyperfine when present (no shell in between, so cowrap's few ms
# are not drowned by shell start-up), else a loop over /usr/bin/time. CPU time
# is the fairer figure on a busy machine.
time_ms() {
  local name=$1
  shift
  if [[ ${HYPERFINE:-1} != 0 ]] && command -v hyperfine >/dev/null; then
    # Its outlier warnings would break up the table; show its stderr only on failure.
    hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-csv "$tmp/$name.csv" "$*" >/dev/null 2>"$tmp/hf.err" ||
      { cat "$tmp/hf.err" >&2; return 1; }
    awk -F, 'NR==2 { printf "%.1f %.1f\n", $2 * 1000, ($5 + $6) * 1000 }' "$tmp/$name.csv"
  else
    local i
    "$@" # warm-up
    for ((i = 0; i < RUNS; i++)); do
      /usr/bin/time -f '%e %U %S' -a -o "$tmp/$name.times" "$@"
    done
    awk '{ w += $1; c += $2 + $3 } END { printf "%.1f %.1f\n", w / NR * 1000, c / NR * 1000 }' "$tmp/$name.times"
    rm -f "$tmp/$name.times"
  fi
}

# max_rss_kb CMD...: peak resident set size of CMD in KiB.
max_rss_kb() {
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { print $2 }'
}

fail=0
printf '%-6s %-8s %6s %8s %9s %9s %7s %8s %8s %7s %12s %10s %12s %7s\n' \
  family qemu decls input_MB python_ms cowrap_ms speedup py_cpu cw_cpu cpu_x cpu_us/decl cowrap_RSS output_bytes RSS/out
# measure LABEL FAM TAG DIALECT SCRIPT WANT INPUTS...: check and time one
# input set, print its table row. WANT is the number of wrappers expected, or
# - when not known (QEMU's own inputs).
measure() {
  local label=$1 fam=$2 tag=$3 dialect=$4 script=$5 want=$6 wrappers in_bytes py pyc cw cwc rss out_bytes
  shift 6
  in_bytes=$(cat "$@" | wc -c)
  # Correctness first: same bytes from the first #include, every decl wrapped.
  python3 "$script" "$tmp/qemu.c" "$@"
  "$cowrap" -dialect "$dialect" -o "$tmp/cowrap.c" "$@"
  wrappers=$(grep -c '^ \* Wrappers for ' "$tmp/qemu.c" || true)
  if ! cmp -s <(from_include "$tmp/qemu.c") <(from_include "$tmp/cowrap.c"); then
    echo "compare: $fam/$label: cowrap output differs from QEMU $tag's" >&2
    first_diff "$tmp/qemu.c" "$tmp/cowrap.c" >&2
    fail=1
  fi
  if [[ $want != - && $wrappers != "$want" ]]; then
    echo "compare: $fam/$label: QEMU $tag wrapped $wrappers declarations, expected $want (synth bug)" >&2
    fail=1
  fi
  read -r py pyc < <(time_ms py python3 "$script" "$tmp/qemu.c" "$@")
  read -r cw cwc < <(time_ms cw "$cowrap" -dialect "$dialect" -o "$tmp/cowrap.c" "$@")
  rss=$(max_rss_kb "$cowrap" -dialect "$dialect" -o "$tmp/cowrap.c" "$@")
  out_bytes=$(wc -c <"$tmp/cowrap.c")
  awk -v f="$fam" -v t="$tag" -v n="$wrappers" -v ib="$in_bytes" -v py="$py" -v cw="$cw" -v pyc="$pyc" -v cwc="$cwc" \
    -v rss="$rss" -v ob="$out_bytes" -v l="$label" 'BEGIN {
      printf "%-6s %-8s %6d %8.1f %9.1f %9.1f %6.1fx %8.1f %8.1f %6.1fx %12.2f %8.1fMB %12d %6.2fx\n",
        l == "real" ? "real" : f, t, n, ib / 1048576, py, cw, py / cw, pyc, cwc, pyc / cwc, cwc * 1000 / n, rss / 1024, ob, rss * 1024 / ob }'
}

for job in "${jobs[@]}"; do
  read -r fam tag dialect script real <<<"$job"
  # QEMU's own inputs first: the case a build actually runs (start-up bound).
  mapfile -t inputs < <(real_inputs "$real")
  measure real "$fam" "$tag" "$dialect" "$script" - "${inputs[@]}"
  for n in $SIZES; do
    mapfile -t inputs < <("$tmp/synth" -dialect "$fam" -decls "$n" -o "$tmp/in/$fam-$n")
    measure "$n" "$fam" "$tag" "$dialect" "$script" "$n" "${inputs[@]}"
  done
done
exit "$fail"
