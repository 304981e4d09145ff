#!/bin/bash
# targets_test.sh - cowrap_library targets as Bazel shows them to a user (tests/bazel/testdata):
#  1. the query the README gives (marked `<!-- query: cowrap_library -->`) finds exactly the
#     cowrap_library calls of the BUILD file, and `kind(cowrap_library, ...)` finds nothing, as
#     the README says (cowrap_library is a macro);
#  2. a declaration the generator rejects fails the build with a line that names the user's
#     target (not its generator target NAME_gen), followed by the generator's path:line:col.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
say() { printf '[targets_test] %s\n' "$*"; }
fail() { printf '[targets_test] FAIL: %s\n' "$*" >&2; exit 1; }
tmp=$(mktemp -d /tmp/cowrap-targets-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pkg=//tests/bazel/testdata
cd "$repo"

# ---- 1. the README's query, over the test package instead of //...
# shellcheck source=tests/lib/checkout.sh
. "$repo/tests/lib/checkout.sh"
query=$(readme_snippet "query: cowrap_library") || exit 1
expr=$(sed -n "s/^bazel query '\(.*\)'\$/\1/p" <<<"$query")
[[ -n $expr && $expr == *//...* ]] || fail "the README's snippet is not one bazel query over //...: $query"
say "README: $query"
tools/bazel query "${expr//\/\/.../$pkg/...}" 2>"$tmp/query.err" | sort >"$tmp/found" ||
  { cat "$tmp/query.err" >&2; fail "the README's query failed"; }
# shellcheck source=tests/lib/buildtools.sh
. "$repo/tests/lib/buildtools.sh"
buildozer=$(buildtool buildozer "$tmp")
"$buildozer" 'print label' "$pkg:%cowrap_library" | sort >"$tmp/want"
[ -s "$tmp/want" ] || fail "no cowrap_library in $pkg"
diff -u "$tmp/want" "$tmp/found" || fail "the README's query does not find exactly the cowrap_library targets"
say "it finds the $(wc -l <"$tmp/want") cowrap_library targets of $pkg"
n=$(tools/bazel query "kind(cowrap_library, $pkg/...)" 2>/dev/null | wc -l)
[ "$n" = 0 ] || fail "kind(cowrap_library, ...) finds $n targets; the README says it finds nothing"

# ---- 2. a generator error names the user's target
if tools/bazel build "$pkg:bad_decl" >"$tmp/build.out" 2>&1; then fail "$pkg:bad_decl built"; fi
grep -E "^ERROR: .*tests/bazel/testdata/BUILD\.bazel:[0-9]+:[0-9]+: cowrap_library $pkg:bad_decl: generating bazel-out/[^ ]*/bad_decl\.c failed: \(Exit 1\)" "$tmp/build.out" ||
  { cat "$tmp/build.out" >&2; fail "the failing CoWrap action does not name cowrap_library $pkg:bad_decl"; }
want='tests/bazel/testdata/bad_decl.h:2:34: bdrv_bad: parameter 1: unexpected "[3]"'
grep -F "$want" "$tmp/build.out" || { cat "$tmp/build.out" >&2; fail "no generator message $want"; }
say "OK"
