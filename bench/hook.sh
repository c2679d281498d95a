#!/usr/bin/env bash
# The pre-commit hook's cost on a generated repository of N accounts (default 30000) with one
# changed file staged: `kam check --staged`, `kam diff --staged --check`, the two together as
# the hook installed by `kam hook install` runs them, and `kam check` (every account) for
# comparison. Target: the hook under 0.3 s at 30k accounts.
#
# usage: bench/hook.sh [N]
# needs: hyperfine, git
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-30000}
runs=${RUNS:-11}
work=${WORK:-$(mktemp -d)}

command -v hyperfine >/dev/null || { echo "bench: hyperfine is needed" >&2; exit 2; }
cargo build --release --quiet --manifest-path "$here/Cargo.toml" --bin kam --example gen_accounts
kam="$here/target/release/kam"
gen="$here/target/release/examples/gen_accounts"

ws="$work/ws$n"
if [ ! -d "$ws/accounts" ]; then
  "$gen" "$n" "$ws" >/dev/null
  git -C "$ws" init -q
  git -C "$ws" add -A
  git -C "$ws" -c user.name=bench -c user.email=bench@example.com commit -qm "accounts"
fi
git -C "$ws" reset -q --hard
one=$(git -C "$ws" ls-files accounts | sort | awk 'NR == 1')
sed -i 's/^share = \([0-9]\)$/share = 3/' "$ws/$one"
printf '# touched by the benchmark\n' >>"$ws/$one"
git -C "$ws" add -- "$one"
(cd "$ws" && "$kam" hook install >/dev/null)
hook="$ws/.git/hooks/pre-commit"

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); $n accounts, 1 staged file"
median() { # command… → median seconds
  hyperfine -N -i -w 2 -r "${R:-$runs}" --export-json "$work/h.json" "$*" >/dev/null 2>&1
  sed -n 's/.*"median": *\([0-9.]*\).*/\1/p' "$work/h.json" | head -1 | xargs printf '%.3f'
}
printf '%-34s %9s\n' command "median s"
printf '%-34s %9s\n' "kam check --staged" "$(median "$kam" -C "$ws" check --staged)"
printf '%-34s %9s\n' "kam diff --staged --check" "$(median "$kam" -C "$ws" diff --staged --check)"
(cd "$ws" && printf '%-34s %9s\n' "the pre-commit hook (both)" "$(PATH="$(dirname "$kam"):$PATH" median sh "$hook")")
printf '%-34s %9s\n' "kam check (every account)" "$(R=3 median "$kam" -C "$ws" check)"
git -C "$ws" reset -q --hard
