#!/bin/bash
# tests/consumer_prebuilt/prebuilt_test.sh - a C project installed as the README says runs Gazelle
# and builds with no Go at all (issues 11 and 18). On copies under /tmp (the offline launcher's chroot
# sees the workspace and /tmp):
#   1. tools/release makes the archives of the README's version from this working tree and writes
#      their sha256 into the copy of rules_cowrap (toolchains/integrity.json); nginx on loopback
#      serves them as a release mirror (and is the remote cache of step 3);
#   2. the consumer (tests/consumer_prebuilt: MODULE.bazel and BUILD.bazel hold the README's
#      snippets, base_url set to the mirror; its cowrap_library deleted), from an empty output base
#      with no disk or repository cache: `bazel run //:gazelle` (the prebuilt Gazelle) writes the
#      checked-in BUILD.bazel, `bazel build //...` builds it with the prebuilt generator, and
#      `bazel run //:gazelle -- -mode=diff` is clean. Their execution logs have no Go action, no
#      Go SDK is downloaded, only this platform's two archives are, and the binary runs;
#   3. a second checkout of the consumer (other path, other output base) gets every CoWrap spawn
#      from the remote cache: the prebuilt tool gives the same action keys everywhere;
#   4. the from-source toolchain (--extra_toolchains) writes byte-identical files;
#   5. an exec platform with no prebuilt binary (linux s390x) resolves to the from-source one;
#   6. an unknown version fails the targets that need cowrap (and only those) with a message that
#      says how to build from source; an archive whose sha256 differs from the table fails;
#   7. a host without a prebuilt Gazelle in the release gets Gazelle built from source, and says so;
#   8. so does a module without cowrap.prebuilt (the README's advice until the first release).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
say() { printf '[prebuilt_test] %s\n' "$*"; }
fail() { printf '[prebuilt_test] FAIL: %s\n' "$*" >&2; exit 1; }
tmp=$(mktemp -d /tmp/cowrap-prebuilt.XXXXXX)
A=$tmp/consumer-a B=$tmp/consumer-b
. "$repo/tests/consumer_prebuilt/lib.sh"
host=$(go env GOHOSTOS)_$(go env GOHOSTARCH)  # the exec platform of this machine
cleanup() {
  set +e
  prebuilt_cleanup
  # expunge also stops each consumer's Bazel server; their output bases are never reused
  for w in "$A" "$B"; do [ -f "$w/MODULE.bazel" ] && (cd "$w" && "$repo/tools/bazel" clean --expunge >/dev/null 2>&1); done
  rm -rf "$tmp"
}
trap cleanup EXIT
bazel() { "$repo/tools/bazel" "$@"; }
execlog() { (cd "$repo" && go run ./tests/bazel/execlog "$@"); }
GO_MNEMONICS='GoStdlib|GoCompilePkg|GoLink|GoToolchainBinaryBuild'

# ---- 1. the release archives of the README's version, served by nginx
say "tools/release with the README's version, in a copy of this working tree"
prebuilt_setup "$tmp"
say "README's snippet: cowrap.prebuilt(version = \"$version\", ...); nginx serves $mirror/v$version/"

# ---- 2. the consumer: Gazelle, build and Gazelle -mode=diff, cold, with the prebuilt binaries
prebuilt_consumer "$A"
prebuilt_consumer "$B"
flags=(--disk_cache= --repository_cache= --remote_cache="$mirror/cache/")
# no_go LOG WHAT: the execution log LOG has no Go action
no_go() {
  if grep -E "\"mnemonic\": \"($GO_MNEMONICS)\"" "$1" | sort | uniq -c; then
    fail "$2 ran the Go actions above"
  fi
}
cd "$A"
say "A: bazel run //:gazelle (empty output base, no disk or repository cache; no cowrap_library yet)"
t0=$(date +%s)
bazel run "${flags[@]}" --execution_log_json_file="$tmp/g.json" //:gazelle 2>"$tmp/g.err" ||
  { cat "$tmp/g.err"; fail "the consumer's first Gazelle run failed"; }
say "A: first Gazelle run: $(($(date +%s) - t0)) s"
if grep '^gazelle: ' "$tmp/g.err"; then fail "Gazelle printed the messages above"; fi
diff -u "$here/BUILD.bazel" BUILD.bazel || fail "Gazelle did not write the checked-in BUILD.bazel"
say "A: Gazelle wrote the cowrap_library of tests/consumer_prebuilt/BUILD.bazel"
no_go "$tmp/g.json" "bazel run //:gazelle"

say "A: bazel build //..."
t0=$(date +%s)
bazel build "${flags[@]}" --execution_log_json_file="$tmp/a.json" --toolchain_resolution_debug=cowrap \
  //... 2>"$tmp/a.err" || { cat "$tmp/a.err"; fail "the consumer's build failed"; }
say "A: build: $(($(date +%s) - t0)) s"
execlog -want miss "$tmp/a.json" | tee "$tmp/a.txt" | sed 's/^/  /' || fail "A's CoWrap spawns did not run"
no_go "$tmp/a.json" "the build with the prebuilt toolchain"
grep -qE "toolchain_type -> toolchain @@rules_cowrap[~+]+cowrap[~+]cowrap_$host//:cowrap_toolchain" "$tmp/a.err" ||
  { grep ToolchainResolution "$tmp/a.err" | grep cowrap >&2; fail "toolchain resolution did not pick the prebuilt $host binary"; }
say "A: toolchain resolution picked @cowrap_$host"

say "A: bazel run //:gazelle -- -mode=diff"
bazel run "${flags[@]}" --execution_log_json_file="$tmp/d.json" //:gazelle -- -mode=diff >"$tmp/d.out" 2>"$tmp/d.err" ||
  { cat "$tmp/d.out" "$tmp/d.err"; fail "gazelle -mode=diff is not clean"; }
no_go "$tmp/d.json" "bazel run //:gazelle -- -mode=diff"
say "A: no Go action ($GO_MNEMONICS) in the execution logs of Gazelle, build and -mode=diff"

gets=$(grep -o '"GET /v[^ ]*' "$NG/access.log" | grep -v SHA256SUMS | sort -u | tr '\n' ' ')
[ "$gets" = "\"GET /v$version/cowrap-$version-$host.tar.gz \"GET /v$version/gazelle-cowrap-$version-$host.tar.gz " ] ||
  fail "downloads from the mirror: ${gets:-none} (want only the $host archives of cowrap and Gazelle)"
say "A: downloaded only cowrap-$version-$host.tar.gz and gazelle-cowrap-$version-$host.tar.gz"
# rules_go registers its toolchains for the whole module graph, so Bazel evaluates its go_sdk
# extension in any build; a downloaded SDK would hold a real bin/go (a host SDK only links).
ext=$(bazel info output_base 2>/dev/null)/external
say "A: rules_go repositories set up: $(cd "$ext" && echo rules_go*)"
sdk=$(cd "$ext" && find . -mindepth 3 -maxdepth 3 -path './*/bin/go' -type f)
[ -z "$sdk" ] || fail "a Go SDK was downloaded: $sdk"
say "A: no Go SDK downloaded (no bin/go file under $ext)"
out=$(bazel run "${flags[@]}" //:demo 2>/dev/null) || fail "//:demo exited non-zero: $out"
say "A: //:demo: $out"
[ "$out" = "counter_add: 1+2+3 = 6 in 3 coroutine(s)" ] || fail "//:demo printed '$out'"
mkdir -p "$tmp/gen-prebuilt"
sed -n 's/^output: //p' "$tmp/a.txt" | while read -r p; do cp "$A/$p" "$tmp/gen-prebuilt/$(basename "$p")"; done

# ---- 3. another checkout, another output base: the same action keys (remote cache hits)
say "B: bazel build at another path (A's BUILD.bazel): every CoWrap spawn must be a remote cache hit"
cp "$A/BUILD.bazel" "$B/BUILD.bazel"
(cd "$B" && bazel build "${flags[@]}" --execution_log_json_file="$tmp/b.json" //... 2>"$tmp/b.err") ||
  { cat "$tmp/b.err"; fail "B's build failed"; }
execlog -want hit "$tmp/b.json" | sed 's/^/  /' || fail "B's CoWrap spawns missed the remote cache: their action keys differ"

# ---- 4. mixed versions: the from-source generator writes the same bytes
say "A: the same targets with --extra_toolchains=@rules_cowrap//toolchains:from_source"
bazel build --extra_toolchains=@rules_cowrap//toolchains:from_source \
  --execution_log_json_file="$tmp/src.json" //... 2>"$tmp/src.err" || { cat "$tmp/src.err"; fail "from-source build failed"; }
grep -qE "\"mnemonic\": \"GoLink\"" "$tmp/src.json" || fail "the from-source build has no GoLink spawn: it did not use the from-source toolchain"
execlog "$tmp/src.json" | tee "$tmp/src.txt" | sed 's/^/  /'
n=0
while read -r p; do
  cmp "$tmp/gen-prebuilt/$(basename "$p")" "$A/$p" || fail "$p: the prebuilt and the from-source generator differ"
  n=$((n + 1))
done < <(sed -n 's/^output: //p' "$tmp/src.txt")
[ "$n" -gt 0 ] || fail "no CoWrap output of the from-source build"
say "A: $n generated file(s) byte-identical with the prebuilt and the from-source generator"

# ---- 5. an exec platform without a prebuilt binary falls back to the from-source toolchain
bazel cquery --extra_execution_platforms=//platforms:linux_s390x --toolchain_resolution_debug=cowrap \
  //:cowrap_prebuilt_consumer_cowrap_gen >/dev/null 2>"$tmp/s390x.err" || { cat "$tmp/s390x.err"; fail "cquery on linux_s390x failed"; }
grep -qE 'Selected execution platform //platforms:linux_s390x, type @@rules_cowrap[~+]//toolchains:toolchain_type -> toolchain @@rules_cowrap[~+]//toolchains:from_source_cowrap' "$tmp/s390x.err" ||
  { grep ToolchainResolution "$tmp/s390x.err" | grep cowrap >&2; fail "linux_s390x did not fall back to the from-source toolchain"; }
say "linux_s390x (no prebuilt binary): the from-source toolchain"

# ---- 6. bad input: an unknown version, and an archive that does not match its sha256
prebuilt_bad_input "$A" "$tmp"

# ---- 7. no prebuilt Gazelle for this host in the release: Gazelle from source, with a message
table=$tmp/rules_cowrap/toolchains/integrity.json
cp "$table" "$tmp/integrity.good"
python3 - "$table" "$version" "$host" <<'PY'
import json, sys
path, version, host = sys.argv[1:]
t = json.load(open(path))
del t[version]["gazelle"][host]
open(path, "w").write(json.dumps(t, indent=2) + "\n")
PY
say "A: the table without a $host Gazelle: bazel run //:gazelle -- -mode=diff (the machine's disk cache)"
bazel run --execution_log_json_file="$tmp/f.json" //:gazelle -- -mode=diff >"$tmp/f.out" 2>"$tmp/f.err" ||
  { cat "$tmp/f.out" "$tmp/f.err"; fail "Gazelle from source failed or -mode=diff is not clean"; }
grep -F "rules_cowrap: cowrap $version has no prebuilt Gazelle for $host (it has: " "$tmp/f.err" |
  grep -F '; Gazelle is built from source (rules_go and a Go SDK)' ||
  { cat "$tmp/f.err"; fail "no message that Gazelle is built from source"; }
grep -qE '"mnemonic": "GoLink"' "$tmp/f.json" || fail "Gazelle was not built from source (no GoLink spawn)"
cp "$tmp/integrity.good" "$table"
say "A: no $host Gazelle in the release: built from source, -mode=diff clean"

# ---- 8. no cowrap.prebuilt (the README: until the first release): the same, all from source
cp "$A/MODULE.bazel" "$tmp/MODULE.bazel.good"
sed -i '/^cowrap = use_extension/,/^)$/d' "$A/MODULE.bazel"
! grep -qF 'cowrap.prebuilt(' "$A/MODULE.bazel" || fail "could not remove cowrap.prebuilt from $A/MODULE.bazel"
bazel run //:gazelle -- -mode=diff >"$tmp/n.out" 2>"$tmp/n.err" ||
  { cat "$tmp/n.out" "$tmp/n.err"; fail "without cowrap.prebuilt, Gazelle failed or -mode=diff is not clean"; }
grep -F 'rules_cowrap: cowrap.prebuilt() is not in MODULE.bazel; Gazelle is built from source (rules_go and a Go SDK)' "$tmp/n.err" ||
  { cat "$tmp/n.err"; fail "no message that Gazelle is built from source"; }
cp "$tmp/MODULE.bazel.good" "$A/MODULE.bazel"
say "A: without cowrap.prebuilt: Gazelle from source, -mode=diff clean"
say "OK"
