#!/bin/bash
# tools/test_all.sh - the project's test command (README "Testing"; .ci/run runs it).
# Runs the `step` lines at the end in their order (the README's "Testing" section describes
# them, and tests/readme/testing_test.sh checks that it names them in this order), then every
# registered test script. Exits non-zero if any step fails; ends with "N passed, M failed"
# (plus ", K skipped" when a script printed a line starting with "SKIP:" and exited 0).
#
# Registering a script: name it tests/<area>/<name>_test.sh (executable) and it runs
# automatically in name order, or add it to EXTRA below (for scripts that live elsewhere).
# Scripts that need something optional (e.g. a QEMU tree via QEMU_SRC) must print "SKIP: why"
# and exit 0 when it is missing.
set -uo pipefail
cd "$(dirname "$0")/.." || exit
EXTRA=(
  scripts/verify-fixtures.sh   # golden fixtures vs QEMU's own script; SKIPs without QEMU_SRC
  scripts/verify-qemu.sh       # cowrap vs QEMU's script per release; SKIPs without QEMU_SRC
  scripts/verify-gazelle-tree.sh  # Gazelle's srcs vs QEMU's inputs per release; SKIPs without QEMU_SRC
  scripts/differential-qemu.sh # random headers: cowrap -lenient vs every release's script; SKIPs without QEMU_SRC
)
# The staticcheck release every change must pass (fetched through the Go module proxy).
STATICCHECK=honnef.co/go/tools/cmd/staticcheck@v0.8.2
log=$(mktemp -d /tmp/cowrap-test-all.XXXXXX)
trap 'rm -rf "$log"' EXIT
passed=0 failed=0 skipped=0 failures=() t_all=$(date +%s)

step() { # step NAME CMD ARGS...
  local name=$1 t0 rc; shift
  printf '\n===== %s: %s\n' "$name" "$*"
  t0=$(date +%s)
  "$@" </dev/null 2>&1 | tee "$log/out"
  rc=${PIPESTATUS[0]}
  if [ "$rc" != 0 ]; then
    failed=$((failed + 1)) failures+=("$name")
    printf '===== FAIL %s (exit %s, %ss)\n' "$name" "$rc" $(($(date +%s) - t0))
  elif grep -q '^SKIP' "$log/out"; then
    skipped=$((skipped + 1))
    printf '===== SKIPPED %s (%ss)\n' "$name" $(($(date +%s) - t0))
  else
    passed=$((passed + 1))
    printf '===== PASS %s (%ss)\n' "$name" $(($(date +%s) - t0))
  fi
}

# lint_gofmt: every Go file of the checkout is gofmt-formatted.
lint_gofmt() {
  local bad
  bad=$(git ls-files -z -co --exclude-standard -- '*.go' | xargs -0 gofmt -l) || return 1
  [ -z "$bad" ] || { printf 'not gofmt-formatted (gofmt -w FILE):\n%s\n' "$bad"; return 1; }
}

# lint_shell checks every shell script of the checkout (*.sh, or a sh/bash #! line):
# `shellcheck -S warning`, following the files each sources, must be clean.
lint_shell() {
  command -v shellcheck >/dev/null || { echo "shellcheck is not installed (Debian: apt-get install shellcheck)"; return 1; }
  local f scripts=()
  while IFS= read -r -d '' f; do
    [ -f "$f" ] || continue
    if [[ $f == *.sh ]] || head -n 1 "$f" | grep -qE '^#!.*[/ ](ba)?sh$'; then scripts+=("$f"); fi
  done < <(git ls-files -z -co --exclude-standard)
  shellcheck -x -S warning "${scripts[@]}" && echo "shellcheck $(shellcheck --version | sed -n 's/^version: //p'): ${#scripts[@]} scripts clean"
}

step gofmt lint_gofmt
step "go vet" go vet ./...
step staticcheck go run "$STATICCHECK" ./...
step shellcheck lint_shell
step "go test" go test ./...
step "bazel test" tools/bazel test //...
for s in tests/*/*_test.sh "${EXTRA[@]}"; do
  [ -f "$s" ] || continue
  step "$s" bash "$s"
done

printf '\n===== %ss in all' $(($(date +%s) - t_all))
[ ${#failures[@]} = 0 ] && echo || printf '; failed: %s\n' "${failures[*]}"
summary="$passed passed, $failed failed"
[ "$skipped" = 0 ] || summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" = 0 ]
