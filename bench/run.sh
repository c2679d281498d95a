#!/usr/bin/env bash
# Whole-process benchmarks of kam on generated workspaces of 1k, 10k and 30k accounts.
#
# Prints, per size, the median wall time (hyperfine) and the peak memory (/usr/bin/time) of
# `kam check`, `kam score`, `kam list`, `kam diff` with one changed file, `kam stats` and
# `kam dashboard` (with the size of its page), next to two
# references: the single-thread parse-only floor (examples/parse_floor.rs) and, if installed,
# `taplo lint --schema` with kam's own schema. Ratios are against the parse floor.
#
# usage: bench/run.sh [SIZES…]        (default: 1000 10000 30000)
# needs: hyperfine, /usr/bin/time (GNU), git; optional: taplo
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 30000)
runs=${RUNS:-7}
work=${WORK:-$(mktemp -d)}

command -v hyperfine >/dev/null || { echo "bench: hyperfine is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: GNU time (/usr/bin/time) is needed" >&2; exit 2; }

cargo build --release --quiet --manifest-path "$here/Cargo.toml" --bin kam --example gen_accounts --example parse_floor
kam="$here/target/release/kam"
gen="$here/target/release/examples/gen_accounts"
floor="$here/target/release/examples/parse_floor"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "kam $("$kam" --version | cut -d' ' -f2), $(rustc --version), runs per median: $runs"
echo

median() { # command… → median seconds
  hyperfine -N -i -w 1 -r "${runs}" --export-json "$work/h.json" "$*" >/dev/null 2>&1
  python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$work/h.json" 2>/dev/null ||
    sed -n 's/.*"median": *\([0-9.]*\).*/\1/p' "$work/h.json" | head -1
}
peak() { # command… → peak resident memory in MB
  /usr/bin/time -f '%M' -o "$work/t.txt" "$@" >/dev/null 2>&1 || true
  awk '{printf "%.0f", $1/1024}' "$work/t.txt"
}

printf '%-7s %-26s %9s %9s %10s\n' size command "median s" "peak MB" "÷ floor"
for n in "${sizes[@]}"; do
  ws="$work/ws$n"
  if [ ! -d "$ws/accounts" ]; then
    "$gen" "$n" "$ws" >/dev/null
    git -C "$ws" init -q
    git -C "$ws" add -A
    git -C "$ws" -c user.name=bench -c user.email=bench@example.com commit -qm "accounts"
  fi
  # The figures are for clean accounts: a generator that lags the playbook would time the
  # rendering of thousands of findings instead.
  git -C "$ws" checkout -q -- .
  "$kam" -C "$ws" check >/dev/null 2>&1 || {
    echo "bench: the generated accounts in $ws do not pass kam check; update examples/gen_accounts.rs" >&2
    exit 2
  }
  # One changed file for `kam diff`: a rating moves.
  one=$(find "$ws/accounts" -name '*.toml' | sort | awk 'NR == 1')
  git -C "$ws" checkout -q -- .
  sed -i 's/^share = \([0-9]\)$/share = 3/' "$one"
  printf '# touched by the benchmark\n' >>"$one"

  f=$(median "$floor" "$ws/accounts")
  printf '%-7s %-26s %9s %9s %10s\n' "$n" "parse floor (1 thread)" "$f" "$(peak "$floor" "$ws/accounts")" "1.00"
  for cmd in check score list diff stats; do
    t=$(median "$kam" -C "$ws" "$cmd")
    m=$(peak "$kam" -C "$ws" "$cmd")
    printf '%-7s %-26s %9s %9s %10s\n' "$n" "kam $cmd" "$t" "$m" "$(awk -v a="$t" -v b="$f" 'BEGIN {printf "%.2f", a/b}')"
  done
  t=$(median "$kam" -C "$ws" dashboard -o "$work/dashboard.html")
  m=$(peak "$kam" -C "$ws" dashboard -o "$work/dashboard.html")
  printf '%-7s %-26s %9s %9s %10s\n' "$n" "kam dashboard" "$t" "$m" "$(awk -v a="$t" -v b="$f" 'BEGIN {printf "%.2f", a/b}')"
  printf '%-7s %-26s %9s\n' "$n" "dashboard page (KB)" "$(( $(wc -c <"$work/dashboard.html") / 1024 ))"
  if command -v taplo >/dev/null; then
    "$kam" -C "$ws" schema -o "$work/schema.json"
    t=$(cd "$ws" && runs=${TAPLO_RUNS:-3} median taplo lint --schema "file://$work/schema.json" "accounts/**/*.toml")
    printf '%-7s %-26s %9s %9s %10s\n' "$n" "taplo lint --schema" "$t" "-" "$(awk -v a="$t" -v b="$f" 'BEGIN {printf "%.2f", a/b}')"
  fi
  git -C "$ws" checkout -q -- .
done
