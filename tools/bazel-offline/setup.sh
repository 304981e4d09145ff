#!/bin/bash
# setup.sh - create (or reuse) a Debian sid chroot with Debian's bazel-bootstrap 7.7.1 and the
# offline module sources (rules_go patched as patches/ says, gazelle, stubs) that tools/bazel needs on a host without
# a Bazel >= 7 and without access to the Bazel registry (Debian bookworm has only Bazel 4).
#
# Idempotent and safe to run concurrently (flock): every step checks whether its result
# exists; nothing that a running Bazel server uses is deleted or edited in place (the output
# root and caches are kept). On success it writes $COWRAP_BASE/setup.stamp; tools/bazel re-runs
# this script whenever the stamp does not match this file's and its patches' content (a re-run
# on a complete chroot takes seconds: ~8 s on a loaded 2-core machine).
# Needs: root, the Debian mirror of the host's apt sources and the Go module proxy (`go env GOPROXY`).
#
# Knobs (defaults in brackets):
#   COWRAP_BASE      [/var/cache/cowrap-bazel]  chroot (<base>/sid), Bazel output root (<base>/out)
#   DEBIAN_MIRROR    [the host's first non-security apt mirror]
#   HOST_GOROOT      [$(go env GOROOT)]          mounted read-only at /usr/local/go in the chroot
set -euo pipefail
PATH=$PATH:/usr/sbin:/sbin   # debootstrap, chroot: not on every PATH

COWRAP_BASE=${COWRAP_BASE:-/var/cache/cowrap-bazel}
SUITE=sid                    # the first Debian suite with bazel-bootstrap >= 7 (needs libc >= 2.38)
RULES_GO_VERSION=v0.57.0     # v0.53 breaks on Go 1.26; >= v0.59 needs rules_cc >= 0.1.5 (Debian: 0.0.11)
GAZELLE_VERSION=v0.45.0
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$COWRAP_BASE/$SUITE
MODS=$ROOT/opt/bazel-modules          # /opt/bazel-modules inside the chroot
STAMP=$COWRAP_BASE/setup.stamp
log() { printf '[bazel-offline setup %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# The stamp: this script and its patches. `setup.sh --want-stamp` prints it (tools/bazel compares).
want_stamp=$(cat "$HERE/setup.sh" "$HERE"/patches/* | sha256sum | cut -d' ' -f1)
[ "${1:-}" != --want-stamp ] || { echo "$want_stamp"; exit 0; }
[ "$(id -u)" = 0 ] || { echo "setup.sh: must run as root (debootstrap, chroot, mount)" >&2; exit 1; }
mkdir -p "$COWRAP_BASE"
# One setup at a time: tools/bazel may be started by several people at once.
exec 9>"$COWRAP_BASE/setup.lock"
flock 9
if [ "$(cat "$STAMP" 2>/dev/null)" = "$want_stamp" ] && [ "${1:-}" != --force ]; then
  exit 0   # someone else finished the same setup while we waited for the lock
fi
t0=$(date +%s)
export HOST_GOROOT=${HOST_GOROOT:-$(go env GOROOT)}

host_mirror() { # the Debian mirror this host's apt already uses
  local f
  for f in /etc/apt/sources.list.d/*.sources; do [ -f "$f" ] && awk '/^URIs:/ {print $2}' "$f"; done
  [ -f /etc/apt/sources.list ] && awk '$1 == "deb" {print ($2 ~ /^\[/) ? $3 : $2}' /etc/apt/sources.list
  return 0
}

# ---------------------------------------------------------------- 1. chroot
if [ ! -x "$ROOT/usr/bin/apt-get" ]; then
  DEBIAN_MIRROR=${DEBIAN_MIRROR:-$(host_mirror | grep -v security | head -n 1 || true)}
  [ -n "$DEBIAN_MIRROR" ] || { echo "no Debian mirror in the apt sources; set DEBIAN_MIRROR" >&2; exit 1; }
  command -v debootstrap >/dev/null || { log "installing debootstrap"; apt-get install -y -q debootstrap >/dev/null; }
  log "debootstrap $SUITE (minbase) into $ROOT from $DEBIAN_MIRROR (first time only, ~1 min)"
  rm -rf "$ROOT.tmp"   # a half-made chroot from an interrupted run; never mounted (enter.sh needs $ROOT)
  debootstrap --variant=minbase --include=ca-certificates "$SUITE" "$ROOT.tmp" "$DEBIAN_MIRROR" >&2
  mv "$ROOT.tmp" "$ROOT"
fi
# snapshot-style mirrors may serve a sid Release file past its Valid-Until date
echo 'Acquire::Check-Valid-Until "false";' > "$ROOT/etc/apt/apt.conf.d/99cowrap-no-valid-until"
echo 'APT::Install-Recommends "false";'   > "$ROOT/etc/apt/apt.conf.d/99cowrap-no-recommends"
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true

# Commands in the chroot run through enter.sh, whose mounts live in a private mount namespace.
inchroot() { "$HERE/enter.sh" --no-ws -- "$@"; }

# ---------------------------------------------------------------- 2. packages
PKGS="bazel-bootstrap bazel-rules-shell build-essential ca-certificates"
if ! inchroot dpkg -s $PKGS >/dev/null 2>&1; then
  log "apt-get install $PKGS in the chroot (first time only, ~2 min, 2 GB)"
  inchroot env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  inchroot env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $PKGS >&2
  inchroot apt-get clean
fi
# Site-local CA certificates (a TLS-intercepting egress proxy in front of the Go module proxy)
# must be trusted in the chroot too, or go_deps fails with "x509: unknown authority".
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1 &&
   ! diff -rq /usr/local/share/ca-certificates "$ROOT/usr/local/share/ca-certificates" >/dev/null 2>&1; then
  log "copying site-local CA certificates into the chroot"
  mkdir -p "$ROOT/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$ROOT/usr/local/share/ca-certificates/"
  inchroot update-ca-certificates >/dev/null
fi

# ---------------------------------------------------------------- 3. module sources
mkdir -p "$MODS"
fetch_mod() { # $1 = Go module path, $2 = version, $3 = destination directory, $4... = patches (-p1)
  [ -f "$3/MODULE.bazel" ] && return 0
  local dir p
  dir=$(GOFLAGS=-mod=mod go mod download -json "$1@$2" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { echo "go mod download $1@$2 failed" >&2; exit 1; }
  rm -rf "$3.tmp"; cp -r "$dir" "$3.tmp"; chmod -R u+w "$3.tmp"
  for p in "${@:4}"; do
    log "patching $(basename "$3"): $(basename "$p")"
    patch -s -p1 -d "$3.tmp" --no-backup-if-mismatch <"$p" || { echo "patch $p failed" >&2; exit 1; }
  done
  mv "$3.tmp" "$3"
}
log "rules_go $RULES_GO_VERSION and gazelle $GAZELLE_VERSION from the Go module proxy"
# rules_go, patched (patches/): its default SDK ("go_default_sdk", used when no module asks for
# another) is the host's Go, not a download from go.dev, so consumers need no go_sdk lines.
# The directory is named after the patches, so a changed patch makes a new copy, and the copy
# a running Bazel server (or an older setup.sh) uses is never edited in place.
command -v patch >/dev/null || { log "installing patch"; apt-get install -y -q patch >/dev/null; }
RG_PATCHES=("$HERE"/patches/rules_go-*.patch)
RG=$MODS/rules_go-$RULES_GO_VERSION-cowrap-$(cat "${RG_PATCHES[@]}" | sha256sum | cut -c1-12)
GZ=$MODS/gazelle-$GAZELLE_VERSION
fetch_mod github.com/bazelbuild/rules_go "$RULES_GO_VERSION" "$RG" "${RG_PATCHES[@]}"
fetch_mod github.com/bazelbuild/bazel-gazelle "$GAZELLE_VERSION" "$GZ"
# go_repository adds package_metadata targets that need rules_license >= 1.0 (Debian: 0.0.7).
if grep -q '^        if not repo_file.exists:$' "$GZ/internal/go_repository.bzl"; then
  log "patching gazelle go_repository.bzl: no generated package metadata"
  sed -i.orig 's/^        if not repo_file.exists:$/        if False:  # offline: no package metadata/' \
    "$GZ/internal/go_repository.bzl"
fi
# Module zips drop vendor/, but gazelle builds its repository tools from vendor/ in GOPATH mode.
if [ ! -d "$GZ/vendor/golang.org" ]; then
  log "re-creating gazelle's vendor/ tree (go mod vendor)"
  (cd "$GZ" && GOFLAGS=-mod=mod go mod vendor -e >/dev/null 2>&1) || true
  [ -d "$GZ/vendor/golang.org" ] || { echo "go mod vendor failed in $GZ" >&2; exit 1; }
fi

# ---------------------------------------------------------------- 4. stub modules
# Needed by module resolution only (nothing builds them); Debian packages none of them.
stub() {
  mkdir -p "$MODS/stubs/$1"
  printf 'module(name = "%s", version = "0.0.0-stub")\n' "$1" > "$MODS/stubs/$1/MODULE.bazel"
  echo '# offline stub module: intentionally empty' > "$MODS/stubs/$1/BUILD.bazel"
  : > "$MODS/stubs/$1/WORKSPACE"
}
for m in protobuf zlib apple_support package_metadata buildozer; do stub $m; done
# bazel_tools uses @buildozer's extension buildozer_binary (for `bazel mod tidy`)
cat > "$MODS/stubs/buildozer/buildozer_binary.bzl" <<'EOS'
def _empty_repo_impl(rctx):
    rctx.file("BUILD.bazel", "")

_empty_repo = repository_rule(implementation = _empty_repo_impl)

def _ext_impl(mctx):
    _empty_repo(name = "buildozer_binary")

buildozer_binary = module_extension(implementation = _ext_impl)
EOS

# ---------------------------------------------------------------- 5. system bazelrc
# Debian's /etc/bazel/bazelrc try-imports /etc/bazel.bazelrc first, then sets --sandbox_debug,
# which keeps every sandbox tree on disk; turn that off at the source.
sed -i 's/^build --sandbox_debug$/# build --sandbox_debug  (disabled by rules_cowrap setup.sh)/' "$ROOT/etc/bazel/bazelrc"
mkdir -p "$COWRAP_BASE/out"
# Written aside and renamed: running Bazel clients never read a half-written file.
cat > "$ROOT/etc/bazel.bazelrc.tmp" <<EOF
# Written by rules_cowrap tools/bazel-offline/setup.sh: machine-specific settings of the chroot.
# Output root outside the chroot, mounted at the same path inside, so bazel-bin works on the host.
startup --output_user_root=$COWRAP_BASE/out
# Offline module sources for what Debian does not package (or packages too old).
common --override_module=rules_shell=/usr/share/bazel/rules/shell
common --override_module=rules_go=${RG#"$ROOT"}
common --override_module=gazelle=/opt/bazel-modules/gazelle-$GAZELLE_VERSION
common --override_module=protobuf=/opt/bazel-modules/stubs/protobuf
common --override_module=zlib=/opt/bazel-modules/stubs/zlib
common --override_module=apple_support=/opt/bazel-modules/stubs/apple_support
common --override_module=package_metadata=/opt/bazel-modules/stubs/package_metadata
common --override_module=buildozer=/opt/bazel-modules/stubs/buildozer
# Without this Bazel 7's WORKSPACE suffix downloads bazel_skylib & co.
common --noenable_workspace
# No MODULE.bazel.lock: the overrides above make module resolution machine-specific.
common --lockfile_mode=off
# Go proxy settings for go_deps / go_repository (enter.sh forwards them from the host).
common --repo_env=GOPROXY --repo_env=GOSUMDB --repo_env=GONOSUMDB --repo_env=GOPRIVATE
# The kernel refuses user namespaces to a chrooted process, so linux-sandbox cannot work here.
build --spawn_strategy=processwrapper-sandbox,local
# Shared by every checkout on this machine (fresh clones build warm); bounded in size.
build --disk_cache=$COWRAP_BASE/disk-cache --experimental_disk_cache_gc_max_size=8G
EOF
mv "$ROOT/etc/bazel.bazelrc.tmp" "$ROOT/etc/bazel.bazelrc"

echo "$want_stamp" > "$STAMP"
log "done in $(( $(date +%s) - t0 ))s; chroot size: $(du -shx "$ROOT" | cut -f1)"
