#!/bin/bash
# scripts/verify-gazelle-tree.sh [QEMU_PATH] - run the cowrap Gazelle extension over real QEMU
# source trees and check that the cowrap_library targets it writes cover exactly the files QEMU
# itself feeds to its wrapper script (the block_gen_c inputs of block/meson.build) that hold
# marked declarations, and no other file.
#
# QEMU_PATH (default: $QEMU_SRC) is a checkout, e.g. exported from a mirror with
#   git -C QEMU.git archive v10.2.0 | tar -x -C /tmp/qemu-10.2
# or a QEMU git dir/mirror, from which every release of the release table (tools/dialects) is exported
# in turn. A tree is never modified: Gazelle runs on a copy (hard links where possible) in a
# temporary directory, with `# gazelle:cowrap_dialect qemu-X.Y` from the tree's VERSION. For
# QEMU 8.2 to 10.2 it also checks the known figures: 56 marked declarations in 7 files, under
# include/block, include/system (include/sysemu before 10.0) and block/, and
# include/block/block-common.h (marks only in comments and #defines) not among them.
#
# Then collect mode: on a fresh copy with `# gazelle:cowrap_collect` added, Gazelle must write
# exactly one cowrap_library, at the root, and no other BUILD file; its srcs must hold the same
# marked declarations as QEMU's inputs (for 8.2 to 10.2: be exactly those 7 files), and the
# file the generator makes from them, in that (sorted) order, must hold the same wrapper
# blocks as the release's own block-gen.c made by its script (python3) from its inputs, in
# any order.
# Without a path it prints SKIP and exits 0. Knob: GAZELLE_BIN (a Gazelle with the cowrap
# language; default: the released one, built with tools/release -gazelle).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/qemu-lib.sh
. "$repo/scripts/qemu-lib.sh"
qemu_src_or_skip verify-gazelle-tree "${1:-}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=${GAZELLE_BIN:-$tmp/gazelle}
[ -x "$bin" ] || (cd "$repo" && go run ./tools/release -gazelle "$bin")
go build -C "$repo" -o "$tmp/cowrap" ./gen/cmd/cowrap
cowrap=$tmp/cowrap
# What a tree without cc_library targets is expected to print: no rule provides a header, nor
# defines a function a wrapper calls. Any other message is a finding.
no_library=(-e 'no cc_library provides' -e "is defined in no cc_library")
load_releases || exit 1
# shellcheck source=tests/lib/buildtools.sh
. "$repo/tests/lib/buildtools.sh"
buildozer=$(buildtool buildozer "$tmp")

# check_tree TREE: 0 when Gazelle's srcs are right for the QEMU checkout TREE.
check_tree() (
  tree=$1
  [ -f "$tree/VERSION" ] && [ -f "$tree/block/meson.build" ] || { echo "$tree: not a QEMU source tree" >&2; exit 2; }
  version=$(cut -d. -f1,2 "$tree/VERSION")
  dialect=qemu-$version
  release_field "$dialect" 1 | grep -q . || { echo "$tree: QEMU $version has no cowrap dialect" >&2; exit 2; }
  tmp=$(mktemp -d "$tmp/tree.XXXXXX")
  ws=$tmp/qemu
  cp -al "$tree" "$ws" 2>/dev/null || cp -a "$tree" "$ws"
  printf '# gazelle:cowrap_dialect %s\n' "$dialect" > "$ws/BUILD.bazel"

  start=$(date +%s%N)
  rc=0
  (cd "$ws" && "$bin" -repo_root "$ws") >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  fail=0
  err() { echo "FAIL: $*"; fail=1; }
  [ "$rc" = 0 ] || err "gazelle exited $rc"
  if grep -v "${no_library[@]}" "$tmp/stderr" >"$tmp/findings"; then
    err "gazelle reported:"; sed 's/^/  /' "$tmp/findings"
  fi

  srcs_of "$ws" | sort >"$tmp/found"
  meson_inputs "$tree/block/meson.build" | sort >"$tmp/want"

  echo "QEMU $version ($dialect): gazelle ran in ${ms} ms; cowrap_library srcs:"
  sed 's/^/  /' "$tmp/found"
  grep -qx include/block/block-common.h "$tmp/found" && err "include/block/block-common.h is among the srcs"

  # Count the declarations with the generator (one argument struct per wrapper in every
  # dialect's output), over the files Gazelle found and over all of QEMU's inputs: the same
  # number means Gazelle missed no marked declaration.
  count() { # LIST-FILE
    local files
    mapfile -t files <"$1"
    [ ${#files[@]} -gt 0 ] || { echo 0; return; }
    (cd "$ws" && "$cowrap" -dialect "$dialect" -o "$tmp/block-gen.c" "${files[@]}") >&2 || { echo error; return; }
    grep -c '^typedef struct' "$tmp/block-gen.c" || true
  }
  decls=$(count "$tmp/found") want_decls=$(count "$tmp/want")
  nfiles=$(wc -l <"$tmp/found")
  echo "marked declarations: $decls in $nfiles files (QEMU's inputs: $want_decls in $(wc -l <"$tmp/want") files)"
  [ "$decls" = "$want_decls" ] || err "the srcs hold $decls marked declarations, QEMU's inputs $want_decls"
  if ! diff -u "$tmp/want" "$tmp/found" >"$tmp/diff"; then
    # Old releases list inputs without any marked declaration: leaving those out is right.
    if grep -q '^+[^+]' "$tmp/diff"; then
      err "srcs that are not block/meson.build's block_gen_c inputs (-want +got):"; cat "$tmp/diff"
    else
      echo "note: inputs without marked declarations, not in srcs: $(grep '^-[^-]' "$tmp/diff" | cut -c2- | tr '\n' ' ')"
    fi
  fi
  case $version in
    8.2|9.*|10.*)
      cmp -s "$tmp/want" "$tmp/found" || err "want exactly block/meson.build's inputs"
      [ "$nfiles" = 7 ] || err "want 7 files"
      [ "$decls" = 56 ] || err "want 56 marked declarations"
      ;;
  esac
  check_collect "$tree" "$dialect" "$version" || fail=1
  [ "$fail" = 0 ] && echo "PASS: verify-gazelle-tree $version"
  exit "$fail"
)

# srcs_of DIR: the srcs of every cowrap_library in the BUILD files under DIR, read with
# buildozer, one per line, as repository paths (a label stays as it is).
srcs_of() {
  local path list pkg s
  "$buildozer" 'print path srcs' "$1/...:%cowrap_library" | while read -r path list; do
    pkg=$(dirname "${path#"$1"/}")
    [ "$pkg" = . ] && pkg=
    list=${list#[} list=${list%]}
    for s in $list; do
      case $s in //*) echo "$s" ;; *) echo "${pkg:+$pkg/}$s" ;; esac
    done
  done
}

# blocks FILE: the wrapper blocks of a generated file (what follows the #include lines, split
# where the scripts put three newlines), sorted, NUL-separated.
blocks() {
  python3 -c '
import sys
data = open(sys.argv[1], "rb").read()
start = data.index(b"#include")
body = data[start:]
parts = body.split(b"\n\n\n")
# parts[0] is the #include block; each wrapper follows "\n\n\n".
sys.stdout.buffer.write(b"\0".join(sorted(p.strip(b"\n") for p in parts[1:] if p.strip(b"\n"))))
' "$1"
}

# check_collect TREE DIALECT VERSION: 0 when collect mode gives one target whose generated file
# has the wrapper blocks of the release's own block-gen.c.
check_collect() (
  tree=$1 dialect=$2 version=$3
  ctmp=$(mktemp -d "$tmp/collect.XXXXXX")
  ws=$ctmp/qemu
  cp -al "$tree" "$ws" 2>/dev/null || cp -a "$tree" "$ws"
  printf '# gazelle:cowrap_dialect %s\n# gazelle:cowrap_collect\n' "$dialect" > "$ws/BUILD.bazel"
  fail=0
  err() { echo "FAIL: collect: $*"; fail=1; }
  rc=0
  (cd "$ws" && "$bin" -repo_root "$ws") >"$ctmp/stdout" 2>"$ctmp/stderr" || rc=$?
  [ "$rc" = 0 ] || err "gazelle exited $rc"
  if grep -v "${no_library[@]}" "$ctmp/stderr" >"$ctmp/findings"; then
    err "gazelle reported:"; sed 's/^/  /' "$ctmp/findings"
  fi
  others=$(cd "$ws" && find . -name BUILD.bazel ! -path ./BUILD.bazel | sort)
  [ -z "$others" ] || err "BUILD files created below the root: $others"
  rules=$("$buildozer" 'print path name' "$ws/...:%cowrap_library" | sed "s|^$ws/||")
  [ "$(grep -c . <<<"$rules")" = 1 ] && [[ $rules == "BUILD.bazel "* ]] ||
    err "want one cowrap_library, in BUILD.bazel; got: $(echo "$rules" | tr '\n' ' ')"
  srcs_of "$ws" >"$ctmp/found"   # as Gazelle wrote them: sorted
  grep -q '^//' "$ctmp/found" && err "srcs with labels (no subdirectory is a package here)"
  meson_inputs "$tree/block/meson.build" >"$ctmp/inputs"
  sort "$ctmp/inputs" >"$ctmp/want"
  echo "QEMU $version collect mode: one target, $(wc -l <"$ctmp/found") srcs"
  case $version in
    8.2|9.*|10.*) cmp -s "$ctmp/want" "$ctmp/found" || { err "srcs are not exactly block/meson.build's inputs (-want +got):"; diff -u "$ctmp/want" "$ctmp/found" | sed 's/^/  /'; } ;;
    *) comm -13 "$ctmp/want" "$ctmp/found" | grep -q . && err "srcs that are not block/meson.build's inputs: $(comm -13 "$ctmp/want" "$ctmp/found" | tr '\n' ' ')" ;;
  esac
  if ! command -v python3 >/dev/null; then
    echo "SKIP: collect mode's wrapper blocks: python3 is needed to run QEMU's script"
    exit "$fail"
  fi
  mapfile -t inputs <"$ctmp/inputs"
  mapfile -t found <"$ctmp/found"
  (cd "$tree" && python3 "$QEMU_SCRIPT" "$ctmp/qemu.c" "${inputs[@]}") 2>"$ctmp/qemu.err" ||
    { err "QEMU's script failed: $(tail -1 "$ctmp/qemu.err")"; exit 1; }
  (cd "$ws" && "$cowrap" -dialect "$dialect" -o "$ctmp/ours.c" "${found[@]}") 2>"$ctmp/ours.err" ||
    { err "cowrap failed on the srcs: $(head -3 "$ctmp/ours.err")"; exit 1; }
  blocks "$ctmp/qemu.c" >"$ctmp/qemu.blocks"
  blocks "$ctmp/ours.c" >"$ctmp/ours.blocks"
  n=$(python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); print(d.count(b"\0") + 1 if d else 0)' "$ctmp/qemu.blocks")
  if cmp -s "$ctmp/qemu.blocks" "$ctmp/ours.blocks"; then
    echo "collect mode: the $n wrapper blocks equal those of QEMU $version's block-gen.c"
  else
    err "the wrapper blocks differ from QEMU $version's block-gen.c (sorted, -qemu +cowrap):"
    diff -u <(tr '\0' '\n' <"$ctmp/qemu.blocks") <(tr '\0' '\n' <"$ctmp/ours.blocks") | head -40 | sed 's/^/  /'
  fi
  exit "$fail"
)

if [ -f "$Q/VERSION" ]; then
  check_tree "$Q"
  exit
fi
git -C "$Q" rev-parse --git-dir >/dev/null 2>&1 || { echo "$Q: neither a QEMU checkout nor a git dir" >&2; exit 2; }
passed=0 failed=0
while read -r tag commit _; do
  [ -n "$tag" ] || continue
  t=$tmp/export-$tag
  mkdir -p "$t" && git -C "$Q" archive "$commit" | tar -x -C "$t"
  if check_tree "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  rm -rf "$t"
done <<<"$QEMU_RELEASES"
echo "verify-gazelle-tree: $passed passed, $failed failed"
[ "$failed" = 0 ]
