#!/bin/bash
# tests/release/reproducible_test.sh - tools/release is reproducible: two runs, from two copies of
# this working tree at different paths, the second with an empty Go build cache (so it compiles
# every package again), give byte-identical archives (cowrap and the patched Gazelle, for each
# platform) and the same toolchains/integrity.json. Then -check accepts the table it wrote and
# rejects a changed sha256 of either binary, and the linux_amd64 binaries from their archives
# run. No patched Gazelle copy is left in the checkout.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
say() { printf '[reproducible_test] %s\n' "$*"; }
fail() { printf '[reproducible_test] FAIL: %s\n' "$*" >&2; exit 1; }
tmp=$(mktemp -d /tmp/cowrap-release-test.XXXXXX)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
version=0.0.0-repro

# shellcheck source=tests/lib/checkout.sh
. "$repo/tests/lib/checkout.sh"
for c in a b; do
  checkout_copy "$tmp/$c/checkout"
done
say "run 1 (this machine's Go build cache)"
(cd "$tmp/a/checkout" && go run ./tools/release -version $version -out "$tmp/a/dist") | sed 's/^/  /'
say "run 2 (another path, an empty Go build cache)"
(cd "$tmp/b/checkout" && GOCACHE=$tmp/b/gocache go run ./tools/release -version $version -out "$tmp/b/dist") | sed 's/^/  /'

n=0
for f in "$tmp/a/dist"/*; do
  cmp "$f" "$tmp/b/dist/$(basename "$f")" || fail "$(basename "$f") differs between the two runs"
  n=$((n + 1))
done
[ "$n" = 13 ] || fail "$n files in dist, want 12 archives (cowrap and gazelle-cowrap for 6 platforms) and SHA256SUMS"
[ "$(ls "$tmp/b/dist" | wc -l)" = 13 ] || fail "the second run made other files: $(ls "$tmp/b/dist")"
cmp "$tmp/a/checkout/toolchains/integrity.json" "$tmp/b/checkout/toolchains/integrity.json" ||
  fail "the two runs wrote different integrity tables"
grep -q "\"$version\"" "$tmp/a/checkout/toolchains/integrity.json" || fail "integrity.json has no entry for $version"
(cd "$tmp/a/dist" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match the archives"
for c in a b; do
  [ ! -e "$tmp/$c/checkout/.release-gazelle" ] || fail "run $c left .release-gazelle in the checkout"
done
say "OK: $n files byte-identical; same integrity.json"

(cd "$tmp/a/checkout" && go run ./tools/release -version $version -out "$tmp/a/dist2" -check) | tail -1 | sed 's/^/  /'
table=$tmp/a/checkout/toolchains/integrity.json
cp "$table" "$tmp/table.good"
for archive in cowrap-$version-linux_amd64.tar.gz gazelle-cowrap-$version-linux_amd64.tar.gz; do
  sum=$(sha256sum "$tmp/a/dist/$archive" | cut -d' ' -f1)
  sed "s/$sum/0$(printf %s "$sum" | cut -c2-)/" "$tmp/table.good" >"$table"
  ! cmp -s "$table" "$tmp/table.good" || fail "no sha256 of $archive in the table"
  if (cd "$tmp/a/checkout" && go run ./tools/release -version $version -out "$tmp/a/dist2" -check) >"$tmp/check.out" 2>&1; then
    fail "-check accepted a table with a changed sha256 of $archive"
  fi
  grep -q 'does not match this build' "$tmp/check.out" || { cat "$tmp/check.out"; fail "-check failed for another reason"; }
done
cp "$tmp/table.good" "$table"
say "OK: -check accepts the written table and rejects a changed sha256 of cowrap and of Gazelle"

mkdir "$tmp/x" && tar -xzf "$tmp/a/dist/cowrap-$version-linux_amd64.tar.gz" -C "$tmp/x"
[ "$(tar -tzf "$tmp/a/dist/cowrap-$version-linux_amd64.tar.gz" | tr '\n' ' ')" = "cowrap LICENSE " ] ||
  fail "linux_amd64 archive members: $(tar -tzf "$tmp/a/dist/cowrap-$version-linux_amd64.tar.gz")"
"$tmp/x/cowrap" -list-dialects | grep -q '^ *qemu-10.2' || fail "the released linux_amd64 binary does not list its dialects"
say "OK: the linux_amd64 binary runs"
mkdir "$tmp/g" && tar -xzf "$tmp/a/dist/gazelle-cowrap-$version-linux_amd64.tar.gz" -C "$tmp/g"
[ "$(tar -tzf "$tmp/a/dist/gazelle-cowrap-$version-linux_amd64.tar.gz" | tr '\n' ' ')" = "gazelle LICENSE LICENSE.gazelle " ] ||
  fail "gazelle-cowrap linux_amd64 archive members: $(tar -tzf "$tmp/a/dist/gazelle-cowrap-$version-linux_amd64.tar.gz")"
# the language list is cowrap's alone: its directives are known, Go's are not
mkdir "$tmp/ws" && touch "$tmp/ws/MODULE.bazel" && printf '# gazelle:cowrap_dialect qemu-10.2\n' >"$tmp/ws/BUILD.bazel"
"$tmp/g/gazelle" -repo_root "$tmp/ws" -mode=diff "$tmp/ws" || fail "the released Gazelle rejects a cowrap directive"
printf '# gazelle:go_naming_convention import\n' >"$tmp/ws/BUILD.bazel"
"$tmp/g/gazelle" -repo_root "$tmp/ws" -mode=diff "$tmp/ws" 2>&1 | grep -q 'unknown directive: gazelle:go_naming_convention' ||
  fail "the released Gazelle knows the Go language's directives"
say "OK: the linux_amd64 Gazelle runs, with the cowrap language only"
