# tests/lib/buildtools.sh - sourced by scripts that read or edit BUILD files: buildifier and
# buildozer from github.com/bazelbuild/buildtools, at the version go.mod pins (one fact).
#
#   buildtool NAME DIR   installs NAME (buildifier, buildozer) into DIR, prints its path
# shellcheck shell=bash

buildtool() { # NAME DIR
  local repo version
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  version=$(go -C "$repo" list -m -f '{{.Version}}' github.com/bazelbuild/buildtools)
  GOBIN=$(realpath "$2") GOFLAGS=-mod=mod go -C "$repo" install "github.com/bazelbuild/buildtools/$1@$version" >&2 ||
    return 1
  echo "$(realpath "$2")/$1"
}
