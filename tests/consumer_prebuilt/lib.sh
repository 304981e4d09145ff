# tests/consumer_prebuilt/lib.sh - sourced by prebuilt_test.sh and bench/toolchain.sh: set up the
# prebuilt-toolchain consumer (this directory) against release archives served by nginx.
#   prebuilt_setup TMP   checks that the consumer holds the README's snippets, copies this working tree to TMP/rules_cowrap, runs tools/release there with
#                        the README's version (writing that copy's toolchains/integrity.json), and
#                        serves the archives at $mirror/vVERSION/ (nginx on loopback, tests/lib/nginx.sh;
#                        $mirror/cache/ is a WebDAV remote cache). Sets: version, snippet, mirror, NG.
#   prebuilt_consumer DIR  a copy of the consumer module at DIR (TMP/...; consumer_copy of
#                        tests/lib/consumer.sh), its MODULE.bazel being the checked-in one with
#                        base_url = $mirror and rules_cowrap at ../rules_cowrap;
#                        its BUILD.bazel is the checked-in one without the cowrap_library and its
#                        load (what Gazelle writes: the test compares the result with the file).
#   prebuilt_cleanup     stops nginx.
# Needs $repo (the checkout) and a fail() function.
# shellcheck shell=bash
here=${repo:?}/tests/consumer_prebuilt
# shellcheck source=tests/lib/nginx.sh
. "$repo/tests/lib/nginx.sh"
# shellcheck source=tests/lib/consumer.sh
. "$repo/tests/lib/consumer.sh"

prebuilt_setup() {
  local tmp=$1 f line
  # the README's snippets, which the checked-in consumer must hold verbatim
  snippet=$(readme_snippet "prebuilt: MODULE.bazel") || exit 1
  [[ "$(sed 's|path = "../..",|path = "../rules_cowrap",|' "$here/MODULE.bazel")" == *"$snippet"* ]] ||
    fail "tests/consumer_prebuilt/MODULE.bazel does not hold the README's snippet (but for path = \"../..\")"
  f=$(readme_snippet "prebuilt: BUILD.bazel") || exit 1
  while IFS= read -r line; do
    [ -z "$line" ] || grep -qxF -- "$line" "$here/BUILD.bazel" ||
      fail "tests/consumer_prebuilt/BUILD.bazel lacks the README's line: $line"
  done <<<"$f"
  version=$(printf '%s\n' "$snippet" | sed -n 's/^ *version = "\(.*\)",$/\1/p')
  [ -n "$version" ] || fail "no version = \"...\" in the README's snippet"

  checkout_copy "$tmp/rules_cowrap"
  NG=$tmp/nginx
  mkdir -p "$NG/www/cache"
  (cd "$tmp/rules_cowrap" && go run ./tools/release -version "$version" -out "$NG/www/v$version") | sed 's/^/  /'

  nginx_start "$NG" "$NG/www" /cache/
  mirror=${nginx_url:?nginx_start sets it}
  curl -fsS -o /dev/null "$mirror/v$version/SHA256SUMS" || fail "nginx does not serve $mirror/v$version/SHA256SUMS"
}

prebuilt_consumer() {
  mkdir -p "$1"
  consumer_copy "$here" "$1"
  sed -i -e "s|^    # base_url = \"https://mirror.example.com/rules_cowrap\",.*|    base_url = \"$mirror\",|" "$1/MODULE.bazel"
  grep -q "base_url = \"$mirror\"" "$1/MODULE.bazel" || fail "could not set base_url in $1/MODULE.bazel"
  # the cowrap_library (from its line to the closing parenthesis) and its load are Gazelle's
  awk '/^load\("@rules_cowrap\/\/rules:defs.bzl"/ { next } /^cowrap_library\(/ { skip = 1 }
    !skip { print } skip && /^\)$/ { skip = 0 }' "$here/BUILD.bazel" |
    cat -s >"$1/BUILD.bazel"
  ! grep -q cowrap_library "$1/BUILD.bazel" || fail "could not delete the cowrap_library from $1/BUILD.bazel"
}

# prebuilt_bad_input DIR TMP: in the consumer at DIR (already built), an unknown version fails
# the cowrap targets with the table's versions listed and the way to build from source, and
# leaves the others alone; then a table entry whose sha256 is not the archive's fails
# the download. DIR's MODULE.bazel and the table are restored afterwards.
prebuilt_bad_input() {
  local d=$1 tmp=$2 table
  local want="cowrap.prebuilt(version = \"9.9.9\") in module cowrap_prebuilt_consumer: no such release in rules_cowrap's toolchains/integrity.json; known: $version; or remove cowrap.prebuilt(...) from MODULE.bazel to build the generator and Gazelle from source"
  table=$tmp/rules_cowrap/toolchains/integrity.json
  cp "$d/MODULE.bazel" "$tmp/MODULE.bazel.good"
  sed -i "s|^    version = \"$version\",|    version = \"9.9.9\",|" "$d/MODULE.bazel"
  if (cd "$d" && "$repo/tools/bazel" build --repository_cache= //... >"$tmp/bad.out" 2>&1); then
    fail "version 9.9.9 (not in the table) built"
  fi
  grep -qF "$want" "$tmp/bad.out" ||
    { cat "$tmp/bad.out"; fail "no clear message for an unknown version"; }
  echo "unknown version: $(grep -o 'cowrap.prebuilt(version = "9.9.9").*' "$tmp/bad.out" | head -n 1)"
  if (cd "$d" && "$repo/tools/bazel" build --repository_cache= //:gazelle >"$tmp/bad.out" 2>&1); then
    fail "version 9.9.9 (not in the table) gave a Gazelle"
  fi
  grep -qF "$want" "$tmp/bad.out" ||
    { cat "$tmp/bad.out"; fail "no clear message for an unknown version from //:gazelle"; }
  echo "unknown version: //:gazelle fails with the same message"
  # only what needs the generator fails: a cc_library without wrappers still builds
  (cd "$d" && "$repo/tools/bazel" build --repository_cache= //:counter >"$tmp/bad.out" 2>&1) ||
    { cat "$tmp/bad.out"; fail "an unknown version broke //:counter, which needs no cowrap"; }
  echo "unknown version: //:counter (no cowrap) still builds"
  cp "$tmp/MODULE.bazel.good" "$d/MODULE.bazel"
  cp "$table" "$tmp/integrity.good"
  # the linux_amd64 entry gets the darwin_amd64 archive's sha256
  local want other
  want=$(sha256sum "$NG/www/v$version/cowrap-$version-linux_amd64.tar.gz" | cut -d' ' -f1)
  other=$(sha256sum "$NG/www/v$version/cowrap-$version-darwin_amd64.tar.gz" | cut -d' ' -f1)
  sed -i "s/$want/$other/" "$table"
  if (cd "$d" && "$repo/tools/bazel" build --repository_cache= //... >"$tmp/bad.out" 2>&1); then
    fail "an archive that does not match its sha256 was used"
  fi
  grep -qi "checksum" "$tmp/bad.out" && grep -q "$other" "$tmp/bad.out" ||
    { cat "$tmp/bad.out"; fail "no checksum error for an archive with another sha256"; }
  echo "wrong sha256: $(grep -i -m 1 'checksum' "$tmp/bad.out")"
  cp "$tmp/integrity.good" "$table"
}

prebuilt_cleanup() {
  nginx_stop "$NG"
  return 0
}
