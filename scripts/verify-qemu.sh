#!/usr/bin/env bash
# Verify cowrap against QEMU's own scripts/block-coroutine-wrapper.py.
#
# usage: scripts/verify-qemu.sh [QEMU_PATH [TAG...]]     (default: $QEMU_SRC)
#
# QEMU_PATH is either a QEMU checkout (verifies the one release it holds, found
# from VERSION) or a QEMU git dir/mirror (verifies every release of cowrap's release table, or
# just the TAGs given). For each release it lays that release's script and the
# block_gen_c inputs from its block/meson.build out in a temp dir, runs the
# script with python3, checks the result's sha256 against the recorded one (proving the
# inputs were extracted right), runs cowrap with the matching -dialect on the
# same inputs and compares both from the first #include line to the end, and
# that the first #include is on the same line (so __LINE__ is the same).
# Then it does the same on a few thousand synthetic declarations (bench/synth,
# every mark, lock, return type and layout that release accepts), which covers
# far more shapes than QEMU's own 10-56 declarations.
#
# env: COWRAP=path  use this binary instead of building gen/cmd/cowrap
#      QEMU_ONLY=1  only run QEMU's scripts and check their sha256s
#      DIALECT=name dialect for a checkout whose VERSION is not a known release
#      SYNTH_DECLS=N synthetic declarations per release (default 2000; 0: none)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/qemu-lib.sh
. "$here/qemu-lib.sh"

qemu_src_or_skip verify-qemu "${1:-}" python3
shift || true
[[ -e $Q ]] || { echo "verify-qemu: $Q does not exist" >&2; exit 2; }
load_releases || exit 1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cowrap="" note=" (QEMU side only)"
if [[ ${QEMU_ONLY:-0} != 1 ]]; then
  cowrap=$(build_cowrap "$tmp") || { echo "verify-qemu: cannot build cowrap (set QEMU_ONLY=1 to check only QEMU's side)" >&2; exit 1; }
  note=
  if ((${SYNTH_DECLS:=2000} > 0)); then
    (cd "$here/.." && go build -o "$tmp/synth" ./bench/cmd/synth)
  fi
fi

passed=0 failed=0

# check_release TAG DIALECT SHA SRC: SRC holds the script and the inputs at
# their source-root-relative paths. SHA may be empty (not a known release), or
# "-" (a release of the table without one).
check_release() {
  local tag=$1 dialect=$2 sha=$3 src=$4 out=$tmp/out/$1 got n bytes problems=()
  local -a inputs
  mkdir -p "$out"
  mapfile -t inputs < <(meson_inputs "$src/block/meson.build")
  if ((${#inputs[@]} == 0)); then
    problems+=("no block_gen_c inputs found in block/meson.build")
  # QEMU's argv: OUT IN...; cwd is the tree root, as paths are not in the output.
  elif ! (cd "$src" && python3 "$QEMU_SCRIPT" "$out/qemu.c" "${inputs[@]}") 2>"$out/qemu.err"; then
    problems+=("QEMU's script failed: $(tail -1 "$out/qemu.err")")
  else
    got=$(sha256sum <"$out/qemu.c" | cut -d' ' -f1)
    if [[ $sha == - ]]; then
      problems+=("no ScriptSHA256 for $dialect in gen/dialect's release table; QEMU's output has sha256 $got")
    elif [[ -n $sha && $got != "$sha" ]]; then
      problems+=("QEMU output sha256 $got, the recorded one is $sha (inputs extracted wrongly?)")
    fi
  fi
  n=$(grep -c '^ \* Wrappers for ' "$out/qemu.c" 2>/dev/null) || true
  bytes=$(wc -c <"$out/qemu.c" 2>/dev/null) || bytes=0

  if [[ -n $cowrap && ${#problems[@]} -eq 0 ]]; then
    if ! (cd "$src" && "$cowrap" -dialect "$dialect" -o "$out/cowrap.c" "${inputs[@]}") 2>"$out/cowrap.err"; then
      problems+=("cowrap failed: $(head -3 "$out/cowrap.err" | tr '\n' ' ')")
    elif ! cmp -s <(from_include "$out/qemu.c") <(from_include "$out/cowrap.c"); then
      problems+=("output differs from QEMU's"$'\n'"$(first_diff "$out/qemu.c" "$out/cowrap.c")")
    # Same line for the first #include, so __LINE__ and the object code match too.
    elif [[ $(include_line "$out/qemu.c") != "$(include_line "$out/cowrap.c")" ]]; then
      problems+=("first #include on line $(include_line "$out/cowrap.c"), QEMU's on line $(include_line "$out/qemu.c") (dialect HeaderLines in gen/dialect)")
    # QEMU's own argv form (no -o) must give the very same file.
    elif ! (cd "$src" && "$cowrap" -dialect "$dialect" "$out/cowrap-argv.c" "${inputs[@]}") 2>"$out/cowrap.err"; then
      problems+=("cowrap (QEMU argv form) failed: $(head -3 "$out/cowrap.err" | tr '\n' ' ')")
    elif ! cmp -s "$out/cowrap.c" "$out/cowrap-argv.c"; then
      problems+=("cowrap QEMU argv form output differs from the -o form")
    fi
  fi

  # The same comparison on synthetic declarations of the family this release accepts.
  if [[ -n $cowrap && ${#problems[@]} -eq 0 && $SYNTH_DECLS -gt 0 ]]; then
    local fam sin sn
    local -a synth
    fam=$(release_field "$dialect" 5) # bench/synth knows what each script family accepts
    sin=$tmp/synth-in/$fam
    [[ -d $sin ]] || "$tmp/synth" -dialect "$fam" -decls "$SYNTH_DECLS" -o "$sin" >/dev/null
    mapfile -t synth < <(find "$sin" -name '*.h' | LC_ALL=C sort)
    if ! python3 "$src/$QEMU_SCRIPT" "$out/qemu-synth.c" "${synth[@]}" 2>"$out/qemu.err"; then
      problems+=("QEMU's script failed on bench/synth -dialect $fam input (synth bug): $(tail -1 "$out/qemu.err")")
    elif sn=$(grep -c '^ \* Wrappers for ' "$out/qemu-synth.c"); [[ $sn != "$SYNTH_DECLS" ]]; then
      problems+=("QEMU's script wrapped $sn of $SYNTH_DECLS synthetic declarations (synth bug)")
    elif ! "$cowrap" -dialect "$dialect" -o "$out/cowrap-synth.c" "${synth[@]}" 2>"$out/cowrap.err"; then
      problems+=("cowrap failed on synthetic input: $(head -3 "$out/cowrap.err" | tr '\n' ' ')")
    elif ! cmp -s <(from_include "$out/qemu-synth.c") <(from_include "$out/cowrap-synth.c"); then
      problems+=("output on $SYNTH_DECLS synthetic declarations (bench/synth -dialect $fam) differs from QEMU's"$'\n'"$(first_diff "$out/qemu-synth.c" "$out/cowrap-synth.c")")
    fi
    note=" (+$SYNTH_DECLS synthetic)"
  fi

  if ((${#problems[@]} == 0)); then
    printf '%-8s %-10s %3s wrappers %6s bytes  OK%s\n' "$tag" "$dialect" "$n" "$bytes" "$note"
    passed=$((passed + 1))
  else
    printf '%-8s %-10s %3s wrappers %6s bytes  FAIL\n' "$tag" "$dialect" "${n:-0}" "$bytes"
    printf '    %s\n' "${problems[@]}"
    failed=$((failed + 1))
  fi
}

if [[ -f $Q/VERSION && -f $Q/$QEMU_SCRIPT ]]; then
  # A checkout: verify the release it holds, with its own inputs.
  version=$(tr -d '[:space:]' <"$Q/VERSION")
  tag=v$version
  base=v${version%.*}.0 # a stable point release uses its .0 release's dialect
  dialect=${DIALECT:-$(release_field "$base" 3)}
  [[ -n $dialect ]] || { echo "verify-qemu: VERSION $version is not a known release; set DIALECT" >&2; exit 2; }
  sha=$(release_field "$tag" 4) # only .0 releases have a known sha256
  src=$tmp/src/$tag
  mkdir -p "$src/scripts" "$src/block"
  cp "$Q/$QEMU_SCRIPT" "$src/$QEMU_SCRIPT"
  cp "$Q/block/meson.build" "$src/block/"
  while IFS= read -r f; do
    mkdir -p "$src/$(dirname "$f")"
    cp "$Q/$f" "$src/$f"
  done < <(meson_inputs "$Q/block/meson.build")
  check_release "$tag" "$dialect" "$sha" "$src"
elif git -C "$Q" rev-parse --git-dir >/dev/null 2>&1; then
  # A git dir: every release in QEMU_RELEASES (or the TAGs asked for).
  want=" $* "
  while read -r tag commit dialect sha _; do
    [[ -n $tag ]] || continue
    [[ $# -eq 0 || $want == *" $tag "* ]] || continue
    src=$tmp/src/$tag
    mkdir -p "$src/scripts" "$src/block"
    if ! git -C "$Q" cat-file -e "$commit^{commit}" 2>/dev/null; then
      printf '%-8s %-10s %3s wrappers %6s bytes  FAIL\n    commit %s not in %s\n' "$tag" "$dialect" 0 0 "$commit" "$Q"
      failed=$((failed + 1))
      continue
    fi
    # The table's commit must be the release's: its VERSION file names the tag.
    version=$(git -C "$Q" show "$commit:VERSION" 2>/dev/null | tr -d '[:space:]') || true
    if [[ $version != "${tag#v}" ]]; then
      printf '%-8s %-10s %3s wrappers %6s bytes  FAIL\n    commit %s holds VERSION %s, not %s (Commit in gen/dialect)\n' "$tag" "$dialect" 0 0 "$commit" "${version:-(none)}" "${tag#v}"
      failed=$((failed + 1))
      continue
    fi
    git -C "$Q" show "$commit:$QEMU_SCRIPT" >"$src/$QEMU_SCRIPT"
    git -C "$Q" show "$commit:block/meson.build" >"$src/block/meson.build"
    while IFS= read -r f; do
      mkdir -p "$src/$(dirname "$f")"
      git -C "$Q" show "$commit:$f" >"$src/$f"
    done < <(meson_inputs "$src/block/meson.build")
    check_release "$tag" "$dialect" "$sha" "$src"
  done <<<"$QEMU_RELEASES"
else
  echo "verify-qemu: $Q is neither a QEMU checkout nor a git dir" >&2
  exit 2
fi

echo "$passed passed, $failed failed"
((failed == 0))
