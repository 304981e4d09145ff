#!/usr/bin/env bash
# README "Using cowrap in QEMU's meson build", run for real in QEMU's own meson build.
#
# usage: tests/qemu/meson_dropin_test.sh [QEMU_GIT_DIR [TAG...]]   (default: $QEMU_SRC; v10.2.0 v7.2.0)
#
# For each release: export it from the QEMU git dir (git archive), configure a tools-only
# build offline, build qemu-img stock (QEMU's script writes block-gen.c), then paste the
# README's block_gen_c target or command line over the script's in block/meson.build,
# rebuild with the cowrap built from this checkout on PATH, and check:
#   - without cowrap on PATH, meson stops with "Program 'cowrap' not found" (README);
#   - block-gen.c was written by cowrap, is byte-identical to the script's from the first
#     #include, and its first #include is on the same line;
#   - the README's whole target equals the release's own except for the command: line;
#   - block-gen.c.o is the same file as the stock one (cmp) and `objdump -dr` is identical;
#   - qemu-img create and check pass and print what the stock qemu-img printed.
#
# v7.2.0 stands for family A: A releases have no bundled meson (Debian's is used) and their
# configure insists on the ui/keycodemapdb submodule, which a git archive lacks. With
# KEYCODEMAPDB_SRC (a keycodemapdb git dir holding the commit the release pins) the matching
# source is used; otherwise a stand-in README, and the test proves the tools-only build never
# reads keycodemapdb (build.ninja does not mention it).
#
# Offline: v10.2.0 builds its bundled meson wheel into a venv and -Dwrap_mode=nodownload
# keeps meson from fetching subprojects (keycodemapdb is one of them there, and a tools-only
# build does not use it); v7.2.0 has no .wrap subprojects (its configure ignores the option).
#
# Needs (Debian): gcc ninja-build meson libglib2.0-dev python3-venv, and Go. Prints SKIP and
# exits 0 without QEMU_SRC or without them. Cost per release, measured on 2 cores shared with
# other builds (load ~25): configure 20-25 s CPU (2-10 min wall), the stock tools-only qemu-img
# 4.5 min CPU for v10.2.0 (31 min wall) and 14 min wall for v7.2.0, the rebuild with cowrap
# (meson regenerate, block-gen.c.o, relink) 1-3 min wall. On an idle 2-core machine expect
# about 5 minutes per release.
# env: MESON_DROPIN_DIR=dir  keep the trees there and reuse a configured tree on the next run
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=scripts/qemu-lib.sh
. "$root/scripts/qemu-lib.sh"

qemu_src_or_skip meson_dropin "${1:-}"
shift || true
if ! git -C "$Q" rev-parse --git-dir >/dev/null 2>&1; then
  echo "SKIP: meson_dropin: $Q is not a QEMU git dir (releases are exported with git archive)"
  exit 0
fi
missing=()
for t in gcc ninja meson pkg-config objdump python3 go; do
  command -v "$t" >/dev/null || missing+=("$t")
done
pkg-config --exists glib-2.0 2>/dev/null || missing+=(glib-2.0)
if ((${#missing[@]})); then
  echo "SKIP: meson_dropin: missing ${missing[*]} (the Debian packages: .ci/apt-packages)"
  exit 0
fi
(($#)) || set -- v10.2.0 v7.2.0

if [[ -n ${MESON_DROPIN_DIR:-} ]]; then
  work=$(mkdir -p "$MESON_DROPIN_DIR" && cd "$MESON_DROPIN_DIR" && pwd)
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
t_all=$(date +%s)

# The cowrap under test, on PATH as the README says; and a PATH without any cowrap.
mkdir -p "$work/bin"
(cd "$root" && go build -o "$work/bin/cowrap" ./gen/cmd/cowrap)
load_releases || exit 1
no_cowrap_path=
IFS=: read -ra dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  [[ -n $d && ! -x $d/cowrap ]] && no_cowrap_path+=${no_cowrap_path:+:}$d
done

# The README's meson block (list-item indentation removed), its command: line, its dialect.
# shellcheck source=tests/lib/checkout.sh
. "$root/tests/lib/checkout.sh"
readme_target=$(readme_snippet "meson: block/meson.build") || exit 1
readme_cmd=$(grep "command: \[find_program('cowrap')" <<<"$readme_target") || {
  echo "FAIL: no command: [find_program('cowrap') ...] line in README's meson block" >&2
  exit 1
}
readme_dialect=$(sed -n "s/.*'-dialect', '\([^']*\)'.*/\1/p" <<<"$readme_cmd")
[[ $readme_target == "block_gen_c = custom_target("* && $readme_cmd == *"])" ]] || {
  echo "FAIL: README's meson block must be the whole block_gen_c = custom_target(...) ending in ])" >&2
  exit 1
}

failures=()
fail() { failures+=("$tag: $*"); echo "  FAIL: $*"; }
secs() { echo $(($(date +%s) - $1))s; }

# replace_target FILE TEXT: FILE's block_gen_c = custom_target(...) (up to its command: line) becomes TEXT.
replace_target() {
  awk -v new="$2" '/^block_gen_c = custom_target\(/ {skip=1; print new}
    skip && /command:/ {skip=0; next} !skip' "$1" >"$1.new" && mv "$1.new" "$1"
}

# img_run QEMU_IMG OUT: qemu-img create and check in a scratch dir, their output into OUT.
img_run() {
  local dir
  dir=$(mktemp -d "$work/img.XXXXXX")
  (cd "$dir" && "$1" create -f qcow2 t.qcow2 64M && "$1" check t.qcow2 && "$1" info t.qcow2 |
    grep -v 'disk size') >"$2" 2>&1
  local rc=$?
  rm -rf "$dir"
  return $rc
}

for tag in "$@"; do
  commit=$(release_field "$tag" 2) dialect=$(release_field "$tag" 3)
  [[ -n $commit ]] || { fail "not a release of the release table (tools/dialects)"; continue; }
  echo "== $tag ($dialect)"
  src=$work/$tag build=$work/$tag/build out=$work/$tag-out
  rm -rf "$out" && mkdir -p "$out/stock" "$out/cowrap"

  t0=$(date +%s)
  if [[ ! -f $build/build.ninja ]]; then
    rm -rf "$src" && mkdir -p "$src"
    git -C "$Q" archive "$commit" | tar -x -C "$src"
    # A git archive leaves a submodule's directory empty. ui/keycodemapdb is a submodule (a
    # gitlink) up to v8.0.0; from v8.1.0 on it is subprojects/keycodemapdb.wrap, which
    # configure checks only with --disable-download and a tools-only build never fetches.
    kc=$(git -C "$Q" ls-tree "$commit" ui/keycodemapdb | awk '$2 == "commit" {print $3}')
    if [[ -n $kc ]]; then
      if [[ -n ${KEYCODEMAPDB_SRC:-} ]] && git -C "$KEYCODEMAPDB_SRC" cat-file -e "$kc^{commit}" 2>/dev/null; then
        git -C "$KEYCODEMAPDB_SRC" archive "$kc" | tar -x -C "$src/ui/keycodemapdb"
        echo "  ui/keycodemapdb: $kc from KEYCODEMAPDB_SRC"
      else
        echo "stand-in: a tools-only build does not read keycodemapdb" >"$src/ui/keycodemapdb/README"
        echo "  ui/keycodemapdb: stand-in README (set KEYCODEMAPDB_SRC for the matching $kc)"
      fi
    fi
    mkdir -p "$build"
    if ! (cd "$build" && ../configure --without-default-features --disable-system --disable-user \
      --enable-tools --disable-docs -Dwrap_mode=nodownload) >"$out/configure.log" 2>&1; then
      fail "configure failed: $(tail -3 "$out/configure.log" | tr '\n' ' ')"
      continue
    fi
    echo "  configured (tools only, offline) in $(secs "$t0")"
  else
    echo "  reusing the configured tree in $src"
  fi
  if [[ -f $src/ui/keycodemapdb/README ]] && grep -q '^stand-in' "$src/ui/keycodemapdb/README" &&
    grep -q keycodemapdb "$build/build.ninja"; then
    fail "build.ninja uses ui/keycodemapdb, which is only a stand-in here"
    continue
  fi

  # Stock: QEMU's script writes block-gen.c.
  git -C "$Q" show "$commit:block/meson.build" >"$out/meson.build.orig"
  cmp -s "$out/meson.build.orig" "$src/block/meson.build" || cp "$out/meson.build.orig" "$src/block/meson.build"
  obj=$(ninja -C "$build" -t targets all | sed -n 's/^\([^:]*block-gen\.c\.o\): .*/\1/p')
  [[ -n $obj ]] || { fail "no block-gen.c.o target in build.ninja"; continue; }
  t0=$(date +%s)
  if ! ninja -C "$build" -j2 qemu-img >"$out/stock.log" 2>&1; then
    fail "stock build failed: $(tail -3 "$out/stock.log" | tr '\n' ' ')"
    continue
  fi
  echo "  stock qemu-img built in $(secs "$t0")"
  grep -q 'Generated by rules_cowrap' "$build/block/block-gen.c" && { fail "stock block-gen.c is cowrap's"; continue; }
  cp "$build/block/block-gen.c" "$out/stock/"
  cp "$build/$obj" "$out/stock/block-gen.c.o"
  img_run "$build/qemu-img" "$out/stock/img.txt" || fail "stock qemu-img create/check failed: $(tail -2 "$out/stock/img.txt")"

  # Paste the README's text: the whole target for the README's release, the command: line for others.
  cp "$out/meson.build.orig" "$out/meson.build"
  if [[ $dialect == "$readme_dialect" ]]; then
    replace_target "$out/meson.build" "$readme_target"
    changed=$(diff "$out/meson.build.orig" "$out/meson.build" | grep -c '^[<>]') || true
    [[ $changed == 2 ]] ||
      fail "README's block_gen_c target differs from $tag's in more than the command: line: $(diff "$out/meson.build.orig" "$out/meson.build" | head -8)"
  else
    sed -i "s|^\( *\)command: \[wrapper_py, '@OUTPUT@', '@INPUT@'\])|\1${readme_cmd#"${readme_cmd%%command:*}"}|; s|'$readme_dialect'|'$dialect'|" "$out/meson.build"
  fi
  grep -q "find_program('cowrap'), '-dialect', '$dialect'" "$out/meson.build" || { fail "could not paste the README's line"; continue; }
  cp "$out/meson.build" "$src/block/meson.build"

  # Without cowrap on PATH meson must say so (README).
  if PATH=$no_cowrap_path ninja -C "$build" -j2 block/block-gen.c >"$out/nocowrap.log" 2>&1; then
    fail "meson regenerated without cowrap on PATH"
  elif ! grep -q "Program 'cowrap' not found" "$out/nocowrap.log"; then
    fail "without cowrap on PATH: no \"Program 'cowrap' not found\": $(grep -m2 ERROR "$out/nocowrap.log")"
  fi

  # With cowrap on PATH: regenerate, recompile block-gen.c, relink qemu-img.
  t0=$(date +%s)
  if ! PATH=$work/bin:$PATH ninja -C "$build" -j2 qemu-img >"$out/cowrap.log" 2>&1; then
    fail "build with cowrap failed: $(grep -m3 -i 'error' "$out/cowrap.log" | tr '\n' ' ')"
    continue
  fi
  echo "  rebuilt with cowrap in $(secs "$t0")"
  gen=$build/block/block-gen.c
  cp "$gen" "$build/$obj" "$out/cowrap/" && mv "$out/cowrap/${obj##*/}" "$out/cowrap/block-gen.c.o"
  if ! grep -q "Generated by rules_cowrap (cowrap -dialect $dialect" "$gen"; then
    fail "block-gen.c was not written by cowrap -dialect $dialect"
  elif ! cmp -s <(from_include "$out/stock/block-gen.c") <(from_include "$gen"); then
    fail "block-gen.c differs from the script's from #include on: $(first_diff "$out/stock/block-gen.c" "$gen")"
  elif [[ $(include_line "$gen") != "$(include_line "$out/stock/block-gen.c")" ]]; then
    fail "first #include on line $(include_line "$gen"), the script's on line $(include_line "$out/stock/block-gen.c")"
  else
    echo "  block-gen.c: identical to the script's from #include (line $(include_line "$gen")), $(wc -c <"$gen") bytes"
  fi
  (cd "$out/stock" && objdump -dr block-gen.c.o >objdump.txt)
  (cd "$out/cowrap" && objdump -dr block-gen.c.o >objdump.txt)
  if ! cmp -s "$out/stock/objdump.txt" "$out/cowrap/objdump.txt"; then
    fail "objdump -dr differs: $(diff "$out/stock/objdump.txt" "$out/cowrap/objdump.txt" | head -6 | tr '\n' ' ')"
  elif ! cmp -s "$out/stock/block-gen.c.o" "$out/cowrap/block-gen.c.o"; then
    fail "objdump -dr is identical, but block-gen.c.o is not (debug info?)"
  else
    echo "  block-gen.c.o: same file as stock ($(wc -c <"$out/cowrap/block-gen.c.o") bytes), objdump -dr identical ($(grep -c '^ *[0-9a-f]*:' "$out/cowrap/objdump.txt") lines)"
  fi
  if ! img_run "$build/qemu-img" "$out/cowrap/img.txt"; then
    fail "qemu-img create/check failed: $(tail -2 "$out/cowrap/img.txt")"
  elif ! cmp -s "$out/stock/img.txt" "$out/cowrap/img.txt"; then
    fail "qemu-img printed other than the stock one: $(diff "$out/stock/img.txt" "$out/cowrap/img.txt" | head -4)"
  else
    echo "  qemu-img create + check + info: pass, output as stock"
  fi
  cp "$out/meson.build.orig" "$src/block/meson.build" # the next run starts stock
done

echo "meson_dropin: $# releases in $(secs "$t_all")"
if ((${#failures[@]})); then
  printf 'FAIL: %s\n' "${failures[@]}"
  exit 1
fi
echo "PASS: $*"
