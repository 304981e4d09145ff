# tests/lib/checkout.sh - sourced by the tests that need this checkout elsewhere, or a snippet
# of its README (what the README shows must be what a test runs).
#   checkout_copy DST     copies this checkout's tracked and untracked (not ignored) files, as the
#                         working tree has them, to DST; outside git, the whole tree but bazel-*.
#   readme_snippet NAME   prints the fenced block after the README line <!-- NAME --> (indented
#                         alike inside a list item), without the indentation of its fence; when
#                         the README has no such block, says so on stderr and fails.
# shellcheck shell=bash

checkout_copy() { # DST
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  mkdir -p "$1"
  if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$root" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
      [ -e "$f" ] && printf '%s\0' "$f"; done | xargs -0 cp --parents -t "$1")
  else
    (cd "$root" && tar --exclude='./bazel-*' -cf - .) | tar -xf - -C "$1"
  fi
}

readme_snippet() { # NAME
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  awk -v marker="<!-- $1 -->" '
    !f && $0 ~ /^ *<!-- / { line = $0; sub(/^ */, "", line); if (line == marker) f = 1; next }
    f == 1 && /^ *```/ { match($0, /^ */); indent = RLENGTH; fence = substr($0, 1, indent) "```"; f = 2; next }
    f == 2 && $0 == fence { found = 1; exit }
    f == 2 { print substr($0, indent + 1) }
    END { exit !found }' "$root/README.md" || { echo "README.md has no snippet marked <!-- $1 -->" >&2; return 1; }
}
