#!/bin/bash
# remote_cache_test.sh - a real HTTP remote cache (Debian's nginx with WebDAV PUT on loopback):
#  1. checkout A builds the targets with --remote_cache: every spawn runs and is uploaded;
#  2. A is `clean --expunge`d and built again: every CoWrap spawn must be a remote cache hit;
#  3. checkout B (same sources, other path) runs its CoWrap spawns itself (no cache for them),
#     and its generated files must be byte-identical to A's and hold neither checkout's path.
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
