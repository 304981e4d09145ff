#!/bin/bash
# enter.sh - run a command inside the Bazel chroot made by setup.sh.
#   enter.sh [--ws DIR] [--] CMD ARGS...   run CMD in the chroot, cwd $PWD; DIR [default $PWD] is
#                                          the workspace, mounted at the same path inside
#   enter.sh --no-ws [--] CMD ARGS...      no workspace, /tmp or output-root mounts (setup.sh)
# Every mount is made in a private mount namespace (unshare -m) that lives exactly as long as its
# processes: nothing is mounted in the host's namespace, so nothing is left behind, and deleting
# the chroot can never follow a mount into /dev or into a checkout. A Bazel server started from
# here keeps its namespace (its view of the mounts) until it exits.
# Same path inside as outside: the workspace, the Bazel output root (bazel-bin links resolve on
# the host) and /tmp (so e.g. --execution_log_json_file=/tmp/x.json lands on the host).
# Knobs: COWRAP_BASE [/var/cache/cowrap-bazel], HOST_GOROOT [$(go env GOROOT)].
set -euo pipefail
PATH=$PATH:/usr/sbin:/sbin   # chroot, mount: not on a non-root user's PATH, nor in every CI's
BASE=${COWRAP_BASE:-/var/cache/cowrap-bazel}
R=$BASE/sid
OUT=$BASE/out
ARGS=("$@")
WS=$PWD; USE_WS=1
while [ $# -gt 0 ]; do
  case $1 in
    --ws) WS=$2; shift 2;;
    --no-ws) USE_WS=0; shift;;
    --) shift; break;;
    *) break;;
  esac
done
[ $# -gt 0 ] || { echo "usage: enter.sh [--ws DIR | --no-ws] [--] CMD ARGS..." >&2; exit 2; }
[ -x "$R/usr/bin/env" ] || { echo "enter.sh: no chroot at $R; run setup.sh first" >&2; exit 1; }

if [ "${_COWRAP_NS:-}" != 1 ]; then   # first pass: re-run ourselves in a new mount namespace
  export _COWRAP_NS=1 HOST_GOROOT=${HOST_GOROOT:-$(go env GOROOT)}
  exec unshare --mount --propagation private -- /bin/bash "$0" "${ARGS[@]}"
fi

# /proc, /sys and /dev are needed by the JVM, apt and Bazel's process-wrapper.
mount -t proc proc "$R/proc"
mount --rbind /sys "$R/sys"
mount --rbind /dev "$R/dev"
# The host Go SDK: rules_go's go_sdk.host() and gazelle's repository rules use it.
mkdir -p "$R/usr/local/go"
mount --bind "$HOST_GOROOT" "$R/usr/local/go"
mount -o remount,bind,ro "$R/usr/local/go"
if [ $USE_WS = 1 ]; then
  WS=$(realpath "$WS")
  mkdir -p "$OUT" "$R$OUT"
  mount --bind "$OUT" "$R$OUT"
  mount --rbind /tmp "$R/tmp"
  case $WS/ in
    /tmp/*) ;;                                     # already visible through /tmp
    *) mkdir -p "$R$WS"; mount --bind "$WS" "$R$WS";;
  esac
fi

# A clean environment; Go proxy settings come from the host (environment first, then `go env`).
goenv() { local v; v=$(printenv "$1" || true); [ -n "$v" ] || v=$(go env "$1" 2>/dev/null || true); printf '%s' "$v"; }
exec chroot "$R" /usr/bin/env -i HOME=/root USER=root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
  PATH=/usr/local/go/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  GOPROXY="$(goenv GOPROXY)" GOSUMDB="$(goenv GOSUMDB)" GONOSUMDB="$(goenv GONOSUMDB)" \
  GOPRIVATE="$(goenv GOPRIVATE)" GOTOOLCHAIN=local GOFLAGS="$(goenv GOFLAGS)" \
  /bin/bash -c 'cd "$0" 2>/dev/null || cd /; exec "$@"' "$PWD" "$@"
