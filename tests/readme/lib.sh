# tests/readme/lib.sh - sourced by tests/readme/*_test.sh, which run the README's snippets that
# belong to no other test's area.
#   $repo            this checkout
#   $tmp             a temporary directory, removed on exit (a script's own EXIT trap must too)
#   say MSG          prints [NAME] MSG (NAME: the script's, without _test.sh)
#   fail MSG         prints [NAME] FAIL: MSG on stderr and exits 1
#   readme_snippet MARK  (tests/lib/checkout.sh) the README's snippet after <!-- MARK -->
# shellcheck shell=bash
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
name=$(basename "$0" .sh)
tmp=$(mktemp -d "/tmp/cowrap-$name.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
say() { printf '[%s] %s\n' "$name" "$*"; }
fail() { printf '[%s] FAIL: %s\n' "$name" "$*" >&2; exit 1; }
# shellcheck source=tests/lib/checkout.sh
. "$repo/tests/lib/checkout.sh"
