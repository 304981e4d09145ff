#!/bin/bash
# enter.sh - run a command inside the Bazel chroot made by setup.sh.
#   enter.sh [--bind DIR]... [--] CMD ARGS...   run CMD in the chroot, cwd $PWD, in the base's
#                                               shared mount namespace; each DIR (the workspace,
#                                               override paths) is mounted at the same path inside
#   enter.sh --no-ws [--] CMD ARGS...           a throwaway namespace with only /proc, /sys, /dev
#                                               and the Go SDK (setup.sh: apt, dpkg)
#
# Mounts live only in private mount namespaces: nothing is mounted in the host's namespace, so
# nothing is left behind, and deleting the chroot can never follow a mount into /dev or into a
# checkout.
#
# One namespace per base, shared by every command: a Bazel client checks that its server's working
# directory (/proc/PID/cwd, as the client sees it) is the workspace, and a server in another mount
# namespace never passes that check, so a namespace per command would end the server on every
# command. The first command creates the namespace and leaves a small holder process in it
# ("cowrap-ns-holder"); later commands join it with nsenter. The holder ends, and with it the
# namespace, once no other process (Bazel server, command) is left in it (checked every 30 s).
# Directories are bound on demand and re-bound when the host's directory was deleted and made
# anew (a server still in the old one sees its cwd as deleted, and the client replaces it).
#
# Same path inside as outside: the bound directories, the Bazel output root (bazel-bin links
# resolve on the host) and /tmp (so e.g. --execution_log_json_file=/tmp/x.json lands on the host).
# Knobs: COWRAP_BASE [/var/cache/cowrap-bazel], HOST_GOROOT [$(go env GOROOT)].
set -euo pipefail
PATH=$PATH:/usr/sbin:/sbin   # chroot, mount: not on a non-root user's PATH, nor in every CI's
BASE=${COWRAP_BASE:-/var/cache/cowrap-bazel}
R=$BASE/sid
OUT=$BASE/out
NS=$BASE/ns                  # lock, holder pid, list of bound directories
ARGS=("$@")
SHARED=1 BINDS=()
while [ $# -gt 0 ]; do
  case $1 in
    --bind) BINDS+=("$2"); shift 2;;
    --no-ws) SHARED=0; shift;;
    --) shift; break;;
    *) break;;
  esac
done
[ $# -gt 0 ] || { echo "usage: enter.sh [--bind DIR]... | --no-ws [--] CMD ARGS..." >&2; exit 2; }
[ -x "$R/usr/bin/env" ] || { echo "enter.sh: no chroot at $R; run setup.sh first" >&2; exit 1; }
die() { echo "tools/bazel: $*" >&2; exit 2; }

base_mounts() { # the mounts every namespace has; run inside a new namespace
  # /proc, /sys and /dev are needed by the JVM, apt and Bazel's process-wrapper.
  mount -t proc proc "$R/proc"
  mount --rbind /sys "$R/sys"
  mount --rbind /dev "$R/dev"
  # The host Go SDK: rules_go's default SDK and go_sdk.host(), gazelle's repository rules.
  mkdir -p "$R/usr/local/go"
  mount --bind "$HOST_GOROOT" "$R/usr/local/go"
  mount -o remount,bind,ro "$R/usr/local/go"
}

# The holder: waits while anything else is in its namespace. It takes the lock before looking,
# and a joining command holds the lock until it is inside, so none joins a namespace being left.
# Kept as a string (not this file) so that editing enter.sh never changes a running holder.
# shellcheck disable=SC2016
HOLD='while sleep 30; do
  exec 8>"$1/lock"; flock 8
  alone=1
  for p in /proc/[0-9]*; do
    if [ "${p#/proc/}" != $$ ] && [ "$p/ns/mnt" -ef /proc/$$/ns/mnt ]; then alone=0; break; fi
  done
  if [ $alone = 1 ]; then rm -f "$1/pid" "$1/binds"; exit 0; fi
  exec 8>&-
done'

holder_pid() { # prints the pid of this base's live holder, if any
  local pid
  pid=$(cat "$NS/pid" 2>/dev/null) && [ -n "$pid" ] || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF "$NS" || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qx cowrap-ns-holder || return 1
  # a holder in our own namespace would be an impostor (pid reuse)
  ! [ "/proc/$pid/ns/mnt" -ef /proc/self/ns/mnt ] || return 1
  echo "$pid"
}

inside() { # the lexically normal absolute form of $1, checked to be mountable in the chroot
  local p
  p=$(realpath -ms -- "$1")
  [ "$(realpath -m -- "$R$p")" = "$R$p" ] ||
    die "cannot show $p inside the offline Bazel chroot: a symbolic link of the chroot is on its way"
  printf '%s' "$p"
}

bind_dir() { # make host directory $1 visible at the same path inside the chroot
  local p
  p=$(inside "$1")
  [ -d "$p" ] || return 0                   # Bazel itself says what is missing
  [ "$R$p" -ef "$p" ] && return 0           # already visible (e.g. under /tmp or a bound parent)
  if mountpoint -q "$R$p"; then umount -l "$R$p"; fi   # bound before, host side made anew
  if [ -e "$R$p" ] && { [ ! -d "$R$p" ] || [ -n "$(find "$R$p" -xdev -mindepth 1 ! -type d -print -quit)" ]; }; then
    die "cannot show $p inside the offline Bazel chroot: the chroot has its own files at $p.
  Move the workspace or the local_path_override target elsewhere (e.g. under /home or /var/tmp),
  or put a Bazel >= 7 on PATH (tools/bazel then uses it, with no chroot)."
  fi
  mkdir -p "$R$p"
  mount --rbind "$p" "$R$p"
  grep -qxF "$p" "$NS/binds" 2>/dev/null || echo "$p" >>"$NS/binds"
}

if [ "${_COWRAP_STAGE:-}" = "" ]; then   # first pass, in the host's namespace
  # The host's Go settings, in one `go env` call (it reports the environment's values first).
  { read -r goroot; read -r GOPROXY; read -r GOSUMDB; read -r GONOSUMDB; read -r GOPRIVATE; read -r GOFLAGS
  } < <(go env GOROOT GOPROXY GOSUMDB GONOSUMDB GOPRIVATE GOFLAGS)
  export HOST_GOROOT=${HOST_GOROOT:-$goroot} GOPROXY GOSUMDB GONOSUMDB GOPRIVATE GOFLAGS
  export _COWRAP_CWD=$PWD                # nsenter moves to /
  if [ $SHARED = 0 ]; then
    export _COWRAP_STAGE=enter
    exec unshare --mount --propagation private -- /bin/bash "$0" "${ARGS[@]}"
  fi
  mkdir -p "$NS"
  exec 8>"$NS/lock"; flock 8            # held until the second pass is inside the namespace
  if ! pid=$(holder_pid); then
    rm -f "$NS/binds"
    _COWRAP_STAGE=create unshare --mount --propagation slave -- /bin/bash "$0" "${ARGS[@]}"
    pid=$(holder_pid) || die "could not start the mount namespace holder (see $NS)"
  fi
  export _COWRAP_STAGE=join
  exec nsenter --target "$pid" --mount -- /bin/bash "$0" "${ARGS[@]}"
fi

case $_COWRAP_STAGE in
  create) # in the new shared namespace: its mounts, then the holder; then back to the first pass
    base_mounts
    mkdir -p "$OUT" "$R$OUT"
    mount --bind "$OUT" "$R$OUT"
    mount --rbind /tmp "$R/tmp"
    cd /
    setsid /bin/bash -c "$HOLD" cowrap-ns-holder "$NS" </dev/null >/dev/null 2>&1 8>&- &
    echo $! >"$NS/pid"
    exit 0;;
  enter) # --no-ws: a throwaway namespace
    base_mounts;;
  join) # in the shared namespace, holding the lock
    # Forget directories whose host side is gone or was made anew (keeps nothing deleted pinned).
    if [ -f "$NS/binds" ]; then
      while read -r p; do
        [ "$R$p" -ef "$p" ] && echo "$p" && continue
        ! mountpoint -q "$R$p" || umount -l "$R$p"
      done <"$NS/binds" >"$NS/binds.new"
      mv "$NS/binds.new" "$NS/binds"
    fi
    # The Go SDK: re-bind if the host's GOROOT changed since the namespace was made.
    if ! [ "$R/usr/local/go" -ef "$HOST_GOROOT" ]; then
      umount -l "$R/usr/local/go"
      mount --bind "$HOST_GOROOT" "$R/usr/local/go"
      mount -o remount,bind,ro "$R/usr/local/go"
    fi
    for d in "${BINDS[@]}"; do bind_dir "$d"; done
    exec 8>&-;;                                 # release the lock
esac

# The working directory inside: the caller's if it is visible there, else /.
cwd=$(realpath "$_COWRAP_CWD")
[ "$R$cwd" -ef "$cwd" ] || cwd=/
# A clean environment; Go proxy settings come from the host (read in the first pass).
exec chroot "$R" /usr/bin/env -i HOME=/root USER=root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
  PATH=/usr/local/go/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  GOPROXY="$GOPROXY" GOSUMDB="$GOSUMDB" GONOSUMDB="$GONOSUMDB" \
  GOPRIVATE="$GOPRIVATE" GOTOOLCHAIN=local GOFLAGS="$GOFLAGS" \
  /bin/bash -c 'cd "$0"; exec "$@"' "$cwd" "$@"
