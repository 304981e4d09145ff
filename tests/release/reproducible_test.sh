#!/bin/bash
# tests/release/reproducible_test.sh - tools/release is reproducible: two runs, from two copies of
# this working tree at different paths, the second with an empty Go build cache (so it compiles
# every package again), give byte-identical archives and the same toolchains/integrity.json.
# Then -check accepts the table it wrote and rejects a changed sha256, and the linux_amd64
# binary from its archive runs.
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
[ "$n" = 7 ] || fail "$n files in dist, want 6 archives and SHA256SUMS"
[ "$(ls "$tmp/b/dist" | wc -l)" = 7 ] || fail "the second run made other files: $(ls "$tmp/b/dist")"
cmp "$tmp/a/checkout/toolchains/integrity.json" "$tmp/b/checkout/toolchains/integrity.json" ||
  fail "the two runs wrote different integrity tables"
grep -q "\"$version\"" "$tmp/a/checkout/toolchains/integrity.json" || fail "integrity.json has no entry for $version"
(cd "$tmp/a/dist" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match the archives"
say "OK: $n files byte-identical; same integrity.json"

(cd "$tmp/a/checkout" && go run ./tools/release -version $version -out "$tmp/a/dist2" -check) | tail -1 | sed 's/^/  /'
sed -i '0,/"sha256": "[0-9a-f]/s/"sha256": "\([0-9a-f]\)/"sha256": "X\1/' "$tmp/a/checkout/toolchains/integrity.json"
if (cd "$tmp/a/checkout" && go run ./tools/release -version $version -out "$tmp/a/dist2" -check) >"$tmp/check.out" 2>&1; then
  fail "-check accepted a table with a changed sha256"
fi
grep -q 'does not match this build' "$tmp/check.out" || { cat "$tmp/check.out"; fail "-check failed for another reason"; }
say "OK: -check accepts the written table and rejects a changed sha256"

mkdir "$tmp/x" && tar -xzf "$tmp/a/dist/cowrap-$version-linux_amd64.tar.gz" -C "$tmp/x"
[ "$(tar -tzf "$tmp/a/dist/cowrap-$version-linux_amd64.tar.gz" | tr '\n' ' ')" = "cowrap LICENSE " ] ||
  fail "linux_amd64 archive members: $(tar -tzf "$tmp/a/dist/cowrap-$version-linux_amd64.tar.gz")"
"$tmp/x/cowrap" -list-dialects | grep -q '^ *qemu-10.2' || fail "the released linux_amd64 binary does not list its dialects"
say "OK: the linux_amd64 binary runs"
