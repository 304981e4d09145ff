# tests/lib/consumer.sh - sourced by the consumer tests (tests/consumer*/*_test.sh): a new Bazel
# module set up from the README's snippets, next to a copy of this working tree.
#   consumer_start NAME     takes the lock of /tmp/cowrap-NAME (a fixed path, so that reruns reuse
#                           the module's Bazel output base; the offline launcher's chroot sees
#                           /tmp), empties it, sets top=/tmp/cowrap-NAME, writes the README's
#                           module at $top/NAME (consumer_module) and changes to it; on exit the
#                           module's Bazel server is stopped and $top removed
#   consumer_module DIR     writes DIR/MODULE.bazel and DIR/BUILD.bazel from the README's snippets
#                           marked `<!-- consumer: FILE -->` (and a copy of this checkout at
#                           DIR/../rules_cowrap, where the README's local_path_override points)
#   fail MESSAGE            prints FAIL: MESSAGE and exits 1, unless the script has its own
#   consumer_copy HERE DIR  copies the checked-in consumer HERE (tests/consumer*/) to DIR, but
#                           its scripts (*_test.sh, lib.sh), with path = "../.." in MODULE.bazel
#                           made "../rules_cowrap" (consumer_module's copy); fails when DIR
#                           already has a MODULE.bazel (the README's) that HERE's would change
#   consumer_buildozer      installs buildozer (tests/lib/buildtools.sh) and sets $buildozer
#   bazel ARGS...           the offline launcher
#   gazelle                 bazel run //:gazelle; fails on any line Gazelle logs (they start with
#                           "gazelle: ", the extension's own "gazelle: cowrap: ..." too)
#   no_keep DIR             fails when a BUILD file under DIR has a `# keep`
#   run_demo TARGET WANT    bazel build //..., then fails unless `bazel run TARGET` exits 0
#                           and prints the line WANT
# Needs $repo (the checkout).
# shellcheck shell=bash
# shellcheck disable=SC2154 # $repo is the caller's

# shellcheck source=tests/lib/checkout.sh
. "$(dirname "${BASH_SOURCE[0]}")/checkout.sh"

declare -F fail >/dev/null || fail() { echo "FAIL: $*"; exit 1; }

consumer_start() { # NAME
  top=/tmp/cowrap-$1
  exec 9>"$top.lock"
  flock 9
  rm -rf "$top" && mkdir -p "$top"
  consumer_dirs=()
  trap consumer_cleanup EXIT
  consumer_module "$top/$1"
  cd "$top/$1" || fail "cd $top/$1"
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
    readme_snippet "consumer: $f" >"$1/$f" || exit 1
  done
  grep -q 'path = "../rules_cowrap",' "$1/MODULE.bazel" ||
    fail "the README's MODULE.bazel does not override rules_cowrap with path ../rules_cowrap"
}

consumer_copy() { # HERE DIR
  local dst name=${1#"$repo"/}
  dst=$(cd "$2" && pwd)
  sed 's|path = "../..",|path = "../rules_cowrap",|' "$1/MODULE.bazel" >"$dst/MODULE.bazel.new"
  grep -qF 'path = "../rules_cowrap",' "$dst/MODULE.bazel.new" || fail "$name/MODULE.bazel has no path = \"../..\","
  if [ -f "$dst/MODULE.bazel" ]; then
    diff -u --label "README.md's snippet" --label "$name/MODULE.bazel" "$dst/MODULE.bazel" "$dst/MODULE.bazel.new" ||
      fail "$name/MODULE.bazel differs from the README's snippet (but for path = \"../..\")"
  fi
  mv "$dst/MODULE.bazel.new" "$dst/MODULE.bazel"
  (cd "$1" && find . -type f ! -name '*_test.sh' ! -name lib.sh ! -name MODULE.bazel -print0 |
    xargs -0 cp --parents -t "$dst")
}

consumer_buildozer() {
  # shellcheck source=tests/lib/buildtools.sh
  . "$(dirname "${BASH_SOURCE[0]}")/buildtools.sh"
  mkdir -p "$top/bin"
  # shellcheck disable=SC2034 # the caller runs it
  buildozer=$(buildtool buildozer "$top/bin") || fail "cannot install buildozer"
}

bazel() { "$repo/tools/bazel" "$@"; }

gazelle() {
  bazel run //:gazelle 2>"$top/gazelle.err" || { cat "$top/gazelle.err"; fail "bazel run //:gazelle"; }
  if grep '^gazelle: ' "$top/gazelle.err"; then
    fail "Gazelle printed the messages above"
  fi
}

run_demo() { # TARGET WANT
  local out
  bazel build //... || fail "bazel build //..."
  out=$(bazel run "$1") || fail "$1 exited non-zero: $out"
  echo "demo: $out"
  [ "$out" = "$2" ] || fail "$1 printed '$out', want '$2'"
}

no_keep() { # DIR
  if grep -rn --include='BUILD*' '# *keep' "$1"; then
    fail "a BUILD file has the # keep above"
  fi
}
