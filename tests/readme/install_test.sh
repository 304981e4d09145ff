#!/bin/bash
# tests/readme/install_test.sh - the README's `go install` of cowrap (marked
# <!-- install: cowrap -->), run as written but for VERSION, against this checkout served as that
# version of the module by a file GOPROXY (the module is not published from here; its
# dependencies come from the local module cache's downloads first, so no network is needed), with a
# GOPATH and module cache of its own: cowrap lands in $(go env GOPATH)/bin, the README's PATH line
# finds it there, and it runs.
set -euo pipefail
# shellcheck source=tests/readme/lib.sh
. "$(dirname "$0")/lib.sh"
snippet=$(readme_snippet "install: cowrap") || exit 1
module=$(cd "$repo" && go list -m)
version=v0.0.0-install-test
[[ $snippet == "go install $module/gen/cmd/cowrap@VERSION "* ]] ||
  fail "the README's snippet does not start with go install $module/gen/cmd/cowrap@VERSION"

# The module as a proxy serves it: $module/@v/{list,VERSION.info,VERSION.mod,VERSION.zip}.
deps=$(go env GOMODCACHE)/cache/download proxy=$(go env GOPROXY)
at=$tmp/proxy/$module/@v
mkdir -p "$at" "$tmp/zip"
checkout_copy "$tmp/zip/$module@$version"
echo "$version" >"$at/list"
printf '{"Version":"%s"}\n' "$version" >"$at/$version.info"
cp "$repo/go.mod" "$at/$version.mod"
(cd "$tmp/zip" && zip -qr "$at/$version.zip" "$module@$version")

# The README's lines, with VERSION set, in a shell with this environment.
# Then the usual proxy, for a dependency the local cache lacks (none after go mod download).
export GOPATH=$tmp/gopath GOMODCACHE=$tmp/modcache GOPROXY=file://$tmp/proxy,file://$deps,$proxy
export GONOSUMDB=$module GOFLAGS=-modcacherw
bash -euo pipefail -c "${snippet//@VERSION/@$version}"$'\ncommand -v cowrap\ncowrap -list-dialects' \
  >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err" >&2; fail "the README's install lines failed"; }
[ "$(head -n 1 "$tmp/out")" = "$GOPATH/bin/cowrap" ] ||
  { cat "$tmp/out" >&2; fail "cowrap on PATH is not the one go install wrote to \$(go env GOPATH)/bin"; }
(cd "$repo" && go run ./gen/cmd/cowrap -list-dialects) | diff -u - <(tail -n +2 "$tmp/out") ||
  fail "the installed cowrap does not print this checkout's -list-dialects"
say "go install $module/gen/cmd/cowrap@$version put cowrap on the README's PATH, and it runs"
