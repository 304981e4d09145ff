#!/bin/bash
# gazelle/cmd/build.sh OUT LANGS - build a Gazelle binary with plain `go build`, no Bazel.
#   LANGS: comma-separated, from: go, proto, cowrap (e.g. "cowrap" or "go,cowrap")
#
# Gazelle's main package (cmd/gazelle) cannot be imported, and gazelle_binary builds it by
# swapping in a generated langs.go. This does the same outside Bazel: a scratch module
# requires Gazelle (the version in go.mod, copied from the module cache with its langs.go
# replaced by one listing LANGS; a -overlay may not touch the cache) and this repository,
# both through replace directives, and builds Gazelle's cmd/gazelle. Used by
# scripts/verify-gazelle-tree.sh and bench/gazelle/run.sh.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 OUT go|cowrap|go,cowrap|..." >&2; exit 2; }
out=$(realpath -m "$1")
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
gz=$(go list -m -f '{{.Dir}}' github.com/bazelbuild/bazel-gazelle)
[ -n "$gz" ] && [ -d "$gz" ] || { go mod download github.com/bazelbuild/bazel-gazelle; gz=$(go list -m -f '{{.Dir}}' github.com/bazelbuild/bazel-gazelle); }
gzver=$(go list -m -f '{{.Version}}' github.com/bazelbuild/bazel-gazelle)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
imports='' calls=''
IFS=, read -ra langs <<<"$2"
for l in "${langs[@]}"; do
  case $l in
    go)     imports+=$'\tgolang "github.com/bazelbuild/bazel-gazelle/language/go"\n'; calls+=$'\tgolang.NewLanguage(),\n' ;;
    proto)  imports+=$'\t"github.com/bazelbuild/bazel-gazelle/language/proto"\n'; calls+=$'\tproto.NewLanguage(),\n' ;;
    cowrap) imports+=$'\tcowrap "github.com/cowrap/rules_cowrap/gazelle"\n'; calls+=$'\tcowrap.NewLanguage(),\n' ;;
    *) echo "$0: unknown language $l" >&2; exit 2 ;;
  esac
done
printf 'package main\n\nimport (\n\t"github.com/bazelbuild/bazel-gazelle/language"\n%s)\n\nvar languages = []language.Language{\n%s}\n' \
  "$imports" "$calls" >"$tmp/langs.go"
cat >"$tmp/go.mod" <<EOM
module cowrapgazelle

go 1.26

require (
	github.com/bazelbuild/bazel-gazelle $gzver
	github.com/cowrap/rules_cowrap v0.0.0
)

replace github.com/cowrap/rules_cowrap => $repo

replace github.com/bazelbuild/bazel-gazelle => ./gazelle
EOM
cp go.sum "$tmp/go.sum"
cp -r "$gz" "$tmp/gazelle" && chmod -R u+w "$tmp/gazelle" && rm -rf "$tmp/gazelle/vendor"
mv "$tmp/langs.go" "$tmp/gazelle/cmd/gazelle/langs.go"
(cd "$tmp" && GOFLAGS="-mod=mod ${GOFLAGS:-}" go build -o "$out" github.com/bazelbuild/bazel-gazelle/cmd/gazelle)
