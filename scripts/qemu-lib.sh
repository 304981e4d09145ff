# shellcheck shell=bash
# Shared helpers for the QEMU verification scripts (sourced, not run).
#
# Everything QEMU-specific is read at run time from a QEMU tree or git dir that
# the caller names; this file holds only facts about it: release commits and
# the sha256 of each release's own block-gen.c, as its script writes it from that
# release's inputs.

# tag commit dialect sha256-of-QEMU's-own-output
QEMU_RELEASES="\
v5.2.0 553032db17440f8de011390e5a1cfddd13751b0b qemu-5.2 1afef63994e1b5d2f1e454060a04634d04c15f494771f827ddcdf5a03b866536
v6.0.0 609d7596524ab204ccd71ef42c9eee4c7c338ea4 qemu-6.0 1afef63994e1b5d2f1e454060a04634d04c15f494771f827ddcdf5a03b866536
v6.1.0 f9baca549e44791be0dd98de15add3d8452a8af0 qemu-6.1 4798921bdf229cd03008d0d93111aedd8ab5c127b1891a1734b24b7a94379806
v6.2.0 44f28df24767cf9dca1ddc9b23157737c4cbb645 qemu-6.2 41930c229c0e09bde5bab00d4e124b14e714dd76fc587e6d3958814a522fdf65
v7.0.0 823a3f11fb8f04c3c3cc0f95f968fef1bfc6534f qemu-7.0 8ccfa6310c2567a2a9c3a04171192f6958b917f427dc30520f2d4c60a3dfeed2
v7.1.0 621da7789083b80d6f1ff1c0fb499334007b4f51 qemu-7.1 53606d75469ae52103cf4929e8428c79cbb55a033ddd0b3efedef8e5bbd1447d
v7.2.0 b67b00e6b4c7831a3f5bc684bc0df7a9bfd1bd56 qemu-7.2 53606d75469ae52103cf4929e8428c79cbb55a033ddd0b3efedef8e5bbd1447d
v8.0.0 c1eb2ddf0f8075faddc5f7c3d39feae3e8e9d6b4 qemu-8.0 9c71c0776195e2921ee9164c7d42136467f4e8103fbe6c2700a165cc7bb0365f
v8.1.0 7e5a8bb22368b3555644cb2debd3df24592f3a21 qemu-8.1 fb4f3187928615b74cada715d370b87c78f7301bec8d207479d5f617543d1a8e
v8.2.0 1600b9f46b1bd08b00fe86c46ef6dbb48cbe10d6 qemu-8.2 68c546574786a61173cc7ee8e806b4de68b324c657ef9f65837fef0c996d1184
v9.0.0 c25df57ae8f9fe1c72eee2dab37d76d904ac382e qemu-9.0 83d37d0520e760cef868195b92a1845b196135a7af6c19b427c75bd5f13a94e3
v9.1.0 fd1952d814da738ed107e05583b3e02ac11e88ff qemu-9.1 83d37d0520e760cef868195b92a1845b196135a7af6c19b427c75bd5f13a94e3
v9.2.0 ae35f033b874c627d81d51070187fbf55f0bf1a7 qemu-9.2 83d37d0520e760cef868195b92a1845b196135a7af6c19b427c75bd5f13a94e3
v10.0.0 7c949c53e936aa3a658d84ab53bae5cadaa5d59c qemu-10.0 83d37d0520e760cef868195b92a1845b196135a7af6c19b427c75bd5f13a94e3
v10.1.0 f8b2f64e2336a28bf0d50b6ef8a7d8c013e9bcf3 qemu-10.1 a1d22a92f6c7468ad234823e088d04b13ba2cdb2c7033612292bf1bfdfe3b350
v10.2.0 698104725efad4b29079d857dfdebbd804e34c99 qemu-10.2 a1d22a92f6c7468ad234823e088d04b13ba2cdb2c7033612292bf1bfdfe3b350
"

# shellcheck disable=SC2034 # used by the scripts that source this file
QEMU_SCRIPT=scripts/block-coroutine-wrapper.py

# release_field KEY COLUMN: look a release up by tag, commit or dialect.
release_field() {
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

# synth_family DIALECT: the bench/synth family whose declarations that
# release's script accepts in full.
synth_family() {
  case $1 in
    qemu-5.2 | qemu-6.0) echo a1 ;;
    qemu-6.1) echo a2 ;;
    qemu-6.2 | qemu-7.*) echo a ;;
    qemu-8.0 | qemu-8.1) echo b1 ;;
    *) echo b ;;
  esac
}

# qemu_src_arg ARG: the QEMU location from $1 or $QEMU_SRC; empty if neither.
qemu_src_arg() {
  echo "${1:-${QEMU_SRC:-}}"
}
