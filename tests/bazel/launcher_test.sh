#!/bin/bash
# launcher_test.sh - tools/bazel:
# 1. which Bazel it picks: $BAZEL_REAL first, then a Bazel >= 7 on PATH (skipping older ones and
#    links to tools/bazel itself, so no recursion), else the chroot's. The PATH candidates are
#    tiny probe scripts that only report their version or who ran.
# 2. the chroot's Bazel (real, forced with COWRAP_BAZEL=chroot): one server per workspace serves
#    every command, with analysis kept; a workspace outside /tmp and a local_path_override
#    outside the workspace both work; so does a workspace deleted and made anew.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d /tmp/cowrap-launcher-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT   # part 2 replaces it
fail() { echo "[launcher_test] FAIL: $*" >&2; exit 1; }
probe() { # probe DIR VERSION: a `bazel` that prints VERSION for --version, else its name
  mkdir -p "$1"
  printf '#!/bin/sh\n[ "$1" = --version ] && { echo "bazel %s"; exit 0; }\necho "ran %s $*"\n' "$2" "$1" >"$1/bazel"
  chmod +x "$1/bazel"
}
probe "$tmp/old" 6.5.0
probe "$tmp/new" 7.4.1
mkdir -p "$tmp/self" && ln -s "$repo/tools/bazel" "$tmp/self/bazel"
base=/usr/local/go/bin:/usr/bin:/bin
cd "$repo"

out=$(BAZEL_REAL=$tmp/new/bazel PATH=$tmp/old:$base tools/bazel build //x)
[ "$out" = "ran $tmp/new build //x" ] || fail "BAZEL_REAL not used: $out"
out=$(PATH=$tmp/self:$tmp/old:$tmp/new:$base tools/bazel info)
[ "$out" = "ran $tmp/new info" ] || fail "Bazel >= 7 on PATH not used: $out"
# Only itself and an old Bazel on PATH: falls through to the chroot's Bazel 7.7.1.
out=$(PATH=$tmp/self:$tmp/old:$base timeout 600 tools/bazel --version)
case $out in "bazel 7."*) ;; *) fail "no fallback to the chroot Bazel: $out";; esac
echo "[launcher_test] OK: BAZEL_REAL, then PATH (>= 7, not itself), then the chroot ($out)"

# --- 2. the chroot's Bazel: a module pair outside /tmp (and the app outside the lib's tree)
d=$(mktemp -d /var/tmp/cowrap-launcher-test.XXXXXX)
cleanup() {
  # the test workspace's own output base; nothing shared is touched
  [ -d "$d/app" ] && (cd "$d/app" && "$repo/tools/bazel" clean --expunge >/dev/null 2>&1 || true)
  rm -rf "$tmp" "$d"
}
trap cleanup EXIT
export COWRAP_BAZEL=chroot
mkdir -p "$d/lib" "$d/app"
echo 'module(name = "lib")' >"$d/lib/MODULE.bazel"
cat >"$d/lib/BUILD.bazel" <<'EOF'
cc_library(name = "greet", srcs = ["greet.c"], hdrs = ["greet.h"], visibility = ["//visibility:public"])
EOF
echo 'const char *greet(void);' >"$d/lib/greet.h"
echo 'const char *greet(void) { return "hello from lib"; }' >"$d/lib/greet.c"
make_app() { # make_app DIR: the consumer module, overriding lib with a path outside itself
  mkdir -p "$1"
  cat >"$1/MODULE.bazel" <<'EOF'
module(name = "app")
# No go_sdk lines: the chroot's rules_go defaults to the host's Go. (rules_go is here only because
# the chroot's bazelrc overrides it, gazelle and rules_shell, and Bazel 7 refuses overrides of
# modules missing from the graph.)
bazel_dep(name = "rules_go", version = "0.57.0")
bazel_dep(name = "lib")
local_path_override(
    module_name = "lib",
    path = "../lib",
)
EOF
  echo 'cc_binary(name = "hello", srcs = ["hello.c"], deps = ["@lib//:greet"])' >"$1/BUILD.bazel"
  printf '#include <stdio.h>\n#include "greet.h"\nint main(void) { puts(greet()); return 0; }\n' >"$1/hello.c"
}
make_app "$d/app"
cd "$d/app"
tools_bazel() { "$repo/tools/bazel" "$@"; }
tools_bazel build //:hello >"$tmp/b1" 2>&1 || { cat "$tmp/b1"; fail "first build of a workspace outside /tmp with a local_path_override outside it"; }
ob=$(tools_bazel info output_base 2>/dev/null)
pid1=$(cat "$ob/server/server.pid.txt")
tools_bazel build //:hello >"$tmp/b2" 2>&1 || { cat "$tmp/b2"; fail "second build"; }
pid2=$(cat "$ob/server/server.pid.txt")
out=$(tools_bazel run //:hello 2>"$tmp/r3") || { cat "$tmp/r3"; fail "bazel run"; }
pid3=$(cat "$ob/server/server.pid.txt")
[ "$out" = "hello from lib" ] || fail "//:hello printed: $out"
[ "$pid1" = "$pid2" ] && [ "$pid2" = "$pid3" ] || fail "the server changed between commands: $pid1 $pid2 $pid3"
grep -q '(0 packages loaded, 0 targets configured)' "$tmp/b2" ||
  { cat "$tmp/b2"; fail "the second build analysed again (analysis not kept)"; }
[ ! -e MODULE.bazel.lock ] || fail "the chroot wrote a MODULE.bazel.lock (its bazelrc turns the lock file off)"
! findmnt -rn -o TARGET | grep -F "$d" || fail "mounts in the host's namespace"
echo "[launcher_test] OK: build, build, run served by one server (pid $pid1), analysis kept; workspace $d/app, override ../lib"

# The same workspace deleted and made anew: the next command works (Bazel replaces its server).
rm -rf "$d/app"
make_app "$d/app"
cd "$d/app"
tools_bazel build //:hello >"$tmp/b4" 2>&1 || { cat "$tmp/b4"; fail "build after the workspace was made anew"; }
echo "[launcher_test] OK: a workspace deleted and made anew builds"

