#!/bin/bash
# remote_cache_test.sh - a real HTTP remote cache (Debian's nginx with WebDAV PUT on loopback):
#  1. checkout A builds the targets with --remote_cache: every spawn runs and is uploaded;
#  2. A is `clean --expunge`d and built again: every CoWrap spawn must be a remote cache hit;
#  3. checkout B (same sources, other path) runs its CoWrap spawns itself (no cache for them),
#     and its generated files must be byte-identical to A's and hold neither checkout's path;
#  4. the README's corrupt cache entry (marked <!-- output: corrupt cache -->): with the cowrap
#     tool's blob corrupted in the cache, A's build of a changed input fails with the README's
#     message (digests, paths and target aside); one build with --remote_download_all mends the
#     cache, and the next build of a changed input passes without it.
# Targets: //tests/bazel/testdata/... and //examples/... when it exists (override: CACHE_TARGETS).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
say() { printf '[remote_cache_test] %s\n' "$*"; }
fail() { printf '[remote_cache_test] FAIL: %s\n' "$*" >&2; exit 1; }

# shellcheck source=tests/lib/nginx.sh
. "$repo/tests/lib/nginx.sh"
# shellcheck source=tests/lib/checkout.sh
. "$repo/tests/lib/checkout.sh"
tmp=$(mktemp -d /tmp/cowrap-cache-test.XXXXXX)
A=$tmp/checkout-a B=$tmp/checkout-b NG=$tmp/nginx
cleanup() {
  set +e
  nginx_stop "$NG" && say "nginx stopped"
  # expunge also stops each checkout's Bazel server; their output bases would never be reused
  for w in "$A" "$B"; do [ -x "$w/tools/bazel" ] && (cd "$w" && tools/bazel clean --expunge >/dev/null 2>&1); done
  rm -rf "$tmp"
}
trap cleanup EXIT

# ---- nginx as a Bazel HTTP cache (GET/PUT under /ac/ and /cas/), on a free loopback port
nginx_start "$NG" "$NG/data" /
# shellcheck disable=SC2154 # nginx_start sets nginx_url (tests/lib/nginx.sh)
cache=$nginx_url
echo probe >"$tmp/probe"
curl -fsS -T "$tmp/probe" "$cache/cas/probe" && [ "$(curl -fsS "$cache/cas/probe")" = probe ] ||
  fail "nginx at $cache does not accept PUT/GET"
say "nginx WebDAV cache at $cache"

# ---- two checkouts of the same sources (tracked + untracked, not ignored) at different paths
for w in "$A" "$B"; do
  checkout_copy "$w"
done
targets=${CACHE_TARGETS:-//tests/bazel/testdata/...}
[ -n "${CACHE_TARGETS:-}" ] || [ ! -f "$repo/examples/BUILD.bazel" ] || targets="$targets //examples/..."
# --disk_cache= : the chroot's machine-wide disk cache would answer before the remote one.
flags=(--disk_cache= --remote_cache="$cache")
execlog() { (cd "$repo" && go run ./tests/bazel/execlog "$@"); }

say "A: build $targets (cold; uploads to the cache)"
(cd "$A" && tools/bazel build "${flags[@]}" --execution_log_json_file="$tmp/a1.json" $targets)
execlog "$tmp/a1.json" | tee "$tmp/a1.txt" | sed 's/^/  /'
grep -q '^output: ' "$tmp/a1.txt" || fail "no CoWrap spawn in the first build of A"
mkdir -p "$tmp/gen-a"
sed -n 's/^output: //p' "$tmp/a1.txt" | while read -r p; do
  mkdir -p "$tmp/gen-a/$(dirname "$p")"; cp "$A/$p" "$tmp/gen-a/$p"
done

say "A: clean --expunge, then build again: every CoWrap spawn must be a remote cache hit"
(cd "$A" && tools/bazel clean --expunge)
(cd "$A" && tools/bazel build "${flags[@]}" --execution_log_json_file="$tmp/a2.json" $targets)
execlog -want hit "$tmp/a2.json" | sed 's/^/  /' || fail "CoWrap spawns missed the remote cache after clean --expunge"
grep -c '"runner": "remote cache hit"' "$tmp/a2.json" | sed 's/^/  spawns with runner "remote cache hit": /'

say "B: build at another path, running the CoWrap spawns itself (no cache for them)"
(cd "$B" && tools/bazel build "${flags[@]}" --modify_execution_info=CoWrap=+no-cache \
  --execution_log_json_file="$tmp/b.json" $targets)
execlog -want miss "$tmp/b.json" | tee "$tmp/b.txt" | sed 's/^/  /' || fail "B did not run its CoWrap spawns itself"
n=0
while read -r p; do
  cmp "$tmp/gen-a/$p" "$B/$p" || fail "$p differs between the two checkouts"
  ! grep -Fq -e "$A" -e "$B" -e "$tmp" "$B/$p" || fail "$p contains an absolute checkout path"
  n=$((n + 1))
done < <(sed -n 's/^output: //p' "$tmp/b.txt")
[ "$n" -gt 0 ] || fail "no generated file to compare"
say "OK: $n generated file(s) byte-identical across checkouts; all CoWrap spawns hit the remote cache"

say "4. the README's corrupt cache entry: corrupt the cowrap tool's blob in the cache"
tool=$(find "$B"/bazel-out/*-exec-*/bin/gen/cmd/cowrap/cowrap_ -maxdepth 1 -name cowrap -type f | head -n 1)
[ -n "$tool" ] || fail "B has no exec-config cowrap tool"
digest=$(sha256sum <"$tool" | cut -c1-64)
blob=$NG/data/cas/$digest
[ -f "$blob" ] || fail "the cache has no blob $digest of the tool"
printf 'corrupt' | dd of="$blob" bs=1 seek=4096 conv=notrunc status=none
# change DIR ...: a new comment in demo_io.h of checkout DIR, so its CoWrap spawn is no cache hit
change() { echo "/* changed: $2 */" >>"$1/tests/bazel/testdata/demo_io.h"; }
change "$A" 1
target=//tests/bazel/testdata:demo_io
if (cd "$A" && tools/bazel build "${flags[@]}" "$target") >"$tmp/corrupt.out" 2>&1; then
  fail "A built $target with the tool's blob corrupt"
fi
# shape: the README's two lines and Bazel's (without A's path), with the README's target
# (//kv:kv_cowrap) and ours (//tests/bazel/testdata:demo_io) both //PKG:NAME, and digests, sizes
# and configurations as words.
shape() { # PKG NAME
  sed -E -e "s|//$1:$2|//PKG:NAME|g; s|$1/BUILD\.bazel:[0-9]+:[0-9]+|PKG/BUILD.bazel:L:C|g" \
    -e "s|/bin/$1/$2\.c|/bin/PKG/NAME.c|g; s/[0-9a-f]{64}\/[0-9]+/DIGEST/g" \
    -e 's/[0-9]+ errors during bulk transfer/N errors during bulk transfer/; s|bazel-out/[^/]+/bin|bazel-out/CFG/bin|g'
}
readme_snippet "output: corrupt cache" | shape kv kv_cowrap >"$tmp/corrupt.want" || exit 1
grep -A1 '^ERROR: .*Failed to fetch blobs' "$tmp/corrupt.out" | head -n 2 | sed "s|$A/||g" |
  shape tests/bazel/testdata demo_io >"$tmp/corrupt.got"
diff -u "$tmp/corrupt.want" "$tmp/corrupt.got" ||
  { cat "$tmp/corrupt.out" >&2; fail "the failure is not the README's (<!-- output: corrupt cache -->), digests, paths and target aside"; }
say "A fails as the README shows"
(cd "$A" && tools/bazel build "${flags[@]}" --remote_download_all "$target") >"$tmp/mend.out" 2>&1 ||
  { cat "$tmp/mend.out" >&2; fail "a build with --remote_download_all did not get through the corrupt blob"; }
change "$A" 2
(cd "$A" && tools/bazel build "${flags[@]}" "$target") >"$tmp/after.out" 2>&1 ||
  { cat "$tmp/after.out" >&2; fail "after the build with --remote_download_all, the cache still fails A"; }
say "OK: one build with --remote_download_all mended the cache, as the README says"
