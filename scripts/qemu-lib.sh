# shellcheck shell=bash
# Shared helpers for the QEMU verification scripts (sourced, not run).
#
# Everything QEMU-specific is read at run time from a QEMU tree or git dir that
# the caller names. The facts about each release (tag, commit, dialect, script
# family, the sha256 of the block-gen.c its own script writes from its inputs)
# come from the release table in gen/dialect, through tools/dialects.

# shellcheck disable=SC2034 # used by the scripts that source this file
QEMU_SCRIPT=scripts/block-coroutine-wrapper.py

# load_releases: set QEMU_RELEASES to the release table, one release a line,
# oldest first: "TAG COMMIT DIALECT SHA256 FAMILY" ("-" for an empty field).
# Call it once, after the SKIP checks: it runs this checkout's tools/dialects
# -format=tsv, so the table is always this checkout's (whatever cowrap binary
# a script tests).
load_releases() {
  local root tsv want
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  tsv=$(cd "$root" && go run ./tools/dialects -format=tsv) ||
    { echo "qemu-lib: go run ./tools/dialects -format=tsv failed" >&2; return 1; }
  want=$'dialect\trelease\tcommit\tfamily\tscript_sha256'
  if [[ ${tsv%%$'\n'*} != "$want" ]]; then
    echo "qemu-lib: tools/dialects -format=tsv: header '${tsv%%$'\n'*}', want '$want'" >&2
    return 1
  fi
  QEMU_RELEASES=$(awk -F'\t' 'NR > 1 { for (i = 1; i <= 5; i++) if ($i == "") $i = "-"; print $2, $3, $1, $5, $4 }' <<<"$tsv")
}

# release_field KEY COLUMN: look a release up by tag, commit or dialect
# (columns as in QEMU_RELEASES: 1 tag, 2 commit, 3 dialect, 4 sha256, 5 family).
release_field() {
  [[ -n ${QEMU_RELEASES:-} ]] || { echo "qemu-lib: release_field before load_releases" >&2; return 1; }
  awk -v k="$1" -v c="$2" '$1==k || $2==k || $3==k { print $c; exit }' <<<"$QEMU_RELEASES"
}

# meson_inputs MESON_BUILD_FILE: the block_gen_c custom_target's files(...)
# list, in order, as paths relative to the source root (meson.build paths are
# relative to block/). Reads the whole target text into one line first because
# the list is split over lines differently from release to release.
meson_inputs() {
  local p
  sed -n '/block_gen_c *= *custom_target/,/command:/p' "$1" | tr '\n' ' ' |
    sed -n 's/.*input: *files(\([^)]*\)).*/\1/p' | grep -o "'[^']*'" | tr -d "'" |
    while IFS= read -r p; do
      case $p in ../*) echo "${p#../}" ;; *) echo "block/$p" ;; esac
    done
}

# from_include FILE: the file's bytes from its first line that starts with
# "#include" to the end (the part that must be byte-identical). Byte-exact,
# unlike sed/awk which would add a final newline.
from_include() {
  local off
  off=$(grep -a -b -m1 '^#include' "$1" | cut -d: -f1) || return 1
  tail -c +"$((off + 1))" "$1"
}

# include_line FILE: the line number of the file's first #include.
include_line() {
  grep -n -m1 '^#include' "$1" | cut -d: -f1
}

# first_diff EXPECTED GOT: where the two files' #include-onward parts first
# differ, with both versions of that line (or which one ends early).
first_diff() {
  local a b msg n
  a=$(mktemp) b=$(mktemp)
  from_include "$1" >"$a" || true
  from_include "$2" >"$b" || true
  msg=$(cmp "$a" "$b" 2>&1 | head -1) || true
  n=$(sed -n 's/.*line \([0-9]*\).*/\1/p' <<<"$msg")
  echo "    first difference at line ${n:-?} (counted from the first #include):"
  if [[ $msg == *EOF* ]]; then
    # One is a prefix of the other.
    echo "      $(wc -c <"$a") bytes expected, $(wc -c <"$b") got; the shorter ends early ($msg)"
    [[ $msg == *"$a"* ]] && echo "      expected ends; got goes on with: $(tail -c +"$(($(wc -c <"$a") + 1))" "$b" | head -c 200 | cat -A | head -3 | tr '\n' ' ')"
    [[ $msg == *"$b"* ]] && echo "      got ends; expected goes on with: $(tail -c +"$(($(wc -c <"$b") + 1))" "$a" | head -c 200 | cat -A | head -3 | tr '\n' ' ')"
  else
    echo "      expected: $(sed -n "${n}p" "$a" | cat -A | cut -c1-200)"
    echo "      got:      $(sed -n "${n}p" "$b" | cat -A | cut -c1-200)"
  fi
  rm -f "$a" "$b"
}

# build_cowrap DIR: put a cowrap binary in DIR, either $COWRAP (prebuilt) or
# built from this repository. Prints its path.
build_cowrap() {
  if [[ -n ${COWRAP:-} ]]; then
    echo "$COWRAP"
    return
  fi
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  [[ -d $root/gen/cmd/cowrap ]] || { echo "gen/cmd/cowrap does not exist yet" >&2; return 1; }
  (cd "$root" && go build -o "$1/cowrap" ./gen/cmd/cowrap) >&2 || return 1
  echo "$1/cowrap"
}

# qemu_src_or_skip NAME ARG [python3]: set Q to the QEMU location, ARG or else
# $QEMU_SRC. Without one, or (given python3) without python3 to run QEMU's
# script, print "SKIP: NAME: why" and exit 0 (tools/test_all.sh counts a skip).
qemu_src_or_skip() {
  # shellcheck disable=SC2034 # the sourcing script reads it
  Q=${2:-${QEMU_SRC:-}}
  if [[ -z $Q ]]; then
    echo "SKIP: $1: no QEMU path (give it as argument or set QEMU_SRC)"
    exit 0
  fi
  if [[ ${3:-} == python3 ]] && ! command -v python3 >/dev/null; then
    echo "SKIP: $1: python3 is needed to run QEMU's script"
    exit 0
  fi
}
