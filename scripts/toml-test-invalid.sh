#!/usr/bin/env bash
# Runs `kam check` on every invalid case of the public toml-test suite (the TOML 1.1.0 list), each
# dropped alone into a fresh workspace's accounts/ folder. Fails on any panic, any exit code other
# than 1, or any output that does not name the file with a line and column.
#
# usage: scripts/toml-test-invalid.sh PATH/TO/toml-test     (the folder holding tests/files-toml-1.1.0)
#        KAM=path/to/kam scripts/toml-test-invalid.sh …     (default: builds target/debug/kam)
set -euo pipefail

suite=${1:?usage: $0 PATH/TO/toml-test}
list="$suite/tests/files-toml-1.1.0"
[ -f "$list" ] || { echo "no $list" >&2; exit 2; }

here=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${KAM:-}" ]; then
  cargo build --quiet --manifest-path "$here/Cargo.toml"
  KAM="$here/target/debug/kam"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

total=0 failed=0
while IFS= read -r case; do
  case "$case" in invalid/*.toml) ;; *) continue ;; esac
  total=$((total + 1))
  rel=${case#invalid/}
  ws="$work/ws"
  rm -rf "$ws"
  mkdir -p "$ws/accounts/$(dirname "$rel")"
  cp "$suite/tests/$case" "$ws/accounts/$rel"
  set +e
  out=$("$KAM" --color never -C "$ws" check 2>&1)
  code=$?
  set -e
  problem=""
  if [ "$code" -ne 1 ]; then problem="exit code $code"; fi
  if grep -q "panicked" <<<"$out"; then problem="panic"; fi
  if ! grep -F "accounts/$rel:" <<<"$out" | grep -qE ':[0-9]+:[0-9]+'; then
    problem="${problem:+$problem, }file:line:col not named"
  fi
  if [ -n "$problem" ]; then
    failed=$((failed + 1))
    echo "FAIL $case: $problem"
    sed 's/^/    /' <<<"$out" | head -20
  fi
done <"$list"

echo "toml-test invalid cases: $total run, $failed failed"
[ "$failed" -eq 0 ]
