# tests/lib/consumer.sh - sourced by the consumer tests (tests/consumer*/*_test.sh): a new Bazel
# module set up from the README's snippets, next to a copy of this working tree.
#   consumer_start NAME     takes the lock of /tmp/cowrap-NAME (a fixed path, so that reruns reuse
#                           the module's Bazel output base; the offline launcher's chroot sees
#                           /tmp), empties it and sets top=/tmp/cowrap-NAME; on exit the module's
#                           Bazel server is stopped and $top removed
#   consumer_module DIR     writes DIR/MODULE.bazel and DIR/BUILD.bazel from the README's snippets
#                           marked `<!-- consumer: FILE -->` (and a copy of this checkout at
#                           DIR/../rules_cowrap, where the README's local_path_override points)
#   consumer_copy HERE DIR  fails unless HERE/MODULE.bazel is DIR's (the README's) but for
#                           path = "../.." (HERE is a checked-in consumer, tests/consumer*/),
#                           then copies HERE's other files to DIR, but its *_test.sh scripts
#   bazel ARGS...           the offline launcher
#   gazelle                 bazel run //:gazelle; fails on any line Gazelle logs (they start with
#                           "gazelle: ", the extension's own "gazelle: cowrap: ..." too)
#   no_keep DIR             fails when a BUILD file under DIR has a `# keep`
# Needs $repo (the checkout) and a fail() function.
# shellcheck shell=bash
# shellcheck disable=SC2154 # $repo is the caller's

# shellcheck source=tests/lib/checkout.sh
. "$(dirname "${BASH_SOURCE[0]}")/checkout.sh"

consumer_start() { # NAME
  top=/tmp/cowrap-$1
  exec 9>"$top.lock"
  flock 9
  rm -rf "$top" && mkdir -p "$top"
  consumer_dirs=()
  trap consumer_cleanup EXIT
}

consumer_cleanup() {
  local d
  for d in "${consumer_dirs[@]}"; do
    (cd "$d" && "$repo/tools/bazel" shutdown >/dev/null 2>&1) || true
  done
  rm -rf "$top"
}

consumer_module() { # DIR
  local f
  [ -d "$1/../rules_cowrap" ] || checkout_copy "$1/../rules_cowrap"
  mkdir -p "$1"
  consumer_dirs+=("$1")
  for f in MODULE.bazel BUILD.bazel; do
    readme_snippet "consumer: $f" >"$1/$f" || fail "README.md has no snippet marked <!-- consumer: $f -->"
  done
  grep -q 'path = "../rules_cowrap",' "$1/MODULE.bazel" ||
    fail "the README's MODULE.bazel does not override rules_cowrap with path ../rules_cowrap"
}

consumer_copy() { # HERE DIR
  local dst
  dst=$(cd "$2" && pwd)
  diff -u "$1/MODULE.bazel" <(sed 's|path = "../rules_cowrap",|path = "../..",|' "$dst/MODULE.bazel") ||
    fail "${1#"$repo"/}/MODULE.bazel differs from the README's snippet (but for path = \"../..\")"
  (cd "$1" && find . -type f ! -name '*_test.sh' ! -name MODULE.bazel -print0 | xargs -0 cp --parents -t "$dst")
}

bazel() { "$repo/tools/bazel" "$@"; }

gazelle() {
  bazel run //:gazelle 2>"$top/gazelle.err" || { cat "$top/gazelle.err"; fail "bazel run //:gazelle"; }
  if grep '^gazelle: ' "$top/gazelle.err"; then
    fail "Gazelle printed the messages above"
  fi
}

no_keep() { # DIR
  if grep -rn --include='BUILD*' '# *keep' "$1"; then
    fail "a BUILD file has the # keep above"
  fi
}
