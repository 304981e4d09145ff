#!/bin/bash
# tests/readme/examples_test.sh - the README's Example section, run as written:
#  1. each command of the snippet marked <!-- examples: commands --> succeeds; a
#     `tools/bazel run //examples:demo [-- HALF]` prints examples/demo.out (with HALF, its
#     opening lines and the section of HALF only);
#  2. the output excerpt marked <!-- examples: demo excerpt --> is in examples/demo.out: each
#     part between the "  ..." lines is a run of its lines, in order.
set -euo pipefail
# shellcheck source=tests/readme/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$repo"
out=examples/demo.out

# demo_out [HALF]: what the demo prints for HALF (all of demo.out without one): the opening
# lines, then the sections ("== NAME: ..." after an empty line) of HALF.
demo_out() {
  awk -v half="${1:-}" '
    /^$/ { blank = 1; next }
    /^== / { sec = $2; sub(/:$/, "", sec) }
    sec == "" || half == "" || sec == half { if (blank) print ""; print }
    { blank = 0 }' "$out"
}

# ---- 1. the commands
commands=$(readme_snippet "examples: commands") || exit 1
n=0
while IFS= read -r cmd; do
  [ -n "$cmd" ] || continue
  n=$((n + 1))
  nice -n 10 bash -euo pipefail -c "$cmd" </dev/null >"$tmp/stdout" 2>"$tmp/stderr" ||
    { cat "$tmp/stderr" >&2; fail "the README's command failed: $cmd"; }
  args=${cmd%%#*}
  if [[ $args =~ ^tools/bazel\ run\ //examples:demo\ *(--\ +([a-z]+))?\ *$ ]]; then
    half=${BASH_REMATCH[2]}
    [ -z "$half" ] || grep -q "^== $half: " "$out" || fail "$out has no section $half: $cmd"
    demo_out "$half" | diff -u - "$tmp/stdout" || fail "the output of \`$cmd\` is not what $out says"
    say "$cmd: prints $out${half:+, its $half section}"
  else
    say "$cmd: ok"
  fi
done <<<"$commands"
[ "$n" -gt 0 ] || fail "the README's <!-- examples: commands --> snippet is empty"

# ---- 2. the excerpt
excerpt=$(readme_snippet "examples: demo excerpt") || exit 1
rest=$'\n'$(<"$out")$'\n' parts=0
while IFS= read -r -d $'\f' part; do
  part=${part#$'\n'} part=${part%$'\n'}
  [ -n "$part" ] || continue
  [[ $rest == *$'\n'"$part"$'\n'* ]] || fail "the README's excerpt of the demo's output is not in $out (in order):"$'\n'"$part"
  rest=$'\n'${rest#*$'\n'"$part"$'\n'} parts=$((parts + 1))
done < <(sed 's/^  \.\.\.$/\f/' <<<"$excerpt"; printf '\f')
[ "$parts" -gt 0 ] || fail "the README's excerpt is empty"
say "the README's excerpt is in $out ($parts parts, in order)"
