#!/usr/bin/env bash
# Whole-process benchmarks of the worst inputs a pull request can bring: what kam costs on them
# must stay linear in their size (targets in BENCHMARKS.md).
#
#   - a 10 MB account file of one line: a list of a million values that are not allowed (KAM004);
#   - a 10 MB account file of half a million unknown keys, one per line (KAM002);
#   - a 10 MB account file of half a million duplicate keys (KAM001, from the TOML parser);
#   - a playbook with 300 KB of nested mappings (block style) and one of nested flow mappings.
#
# Prints the median wall time (hyperfine) and the peak memory (GNU time) of `kam check` on each.
#
# usage: bench/hostile.sh             (RUNS=… sets the runs per median)
# needs: hyperfine, /usr/bin/time (GNU), python3
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
work=${WORK:-$(mktemp -d)}

command -v hyperfine >/dev/null || { echo "bench: hyperfine is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: GNU time (/usr/bin/time) is needed" >&2; exit 2; }

cargo build --release --quiet --manifest-path "$here/Cargo.toml" --bin kam
kam="$here/target/release/kam"

python3 - "$work" "$here/assets/kam.yaml" <<'EOF'
import os, sys
work, playbook = sys.argv[1], sys.argv[2]
head = 'id = "e"\nname = "E"\nowner = "x"\nstage = "qualify"\n[procurement]\n'
limit = 10_000_000

def write(case, text):
    os.makedirs(f"{work}/{case}/accounts", exist_ok=True)
    with open(f"{work}/{case}/accounts/e.toml", "w") as f:
        f.write(text)

def lines(make):
    out, n, i = [head], len(head), 0
    while True:
        line = make(i)
        if n + len(line) > limit:
            return "".join(out)
        out.append(line)
        n += len(line)
        i += 1

values = ['"bogus"'] * ((limit - len(head) - 20) // 9)
write("one-line", head + "concerns = [" + ", ".join(values) + "]\n")
write("unknown-keys", lines(lambda i: f"unknown_{i} = 1\n"))
write("duplicate-keys", lines(lambda i: "need = 1\n"))
base = open(playbook).read()
for case, nested in [
    ("nested-block", "".join(f"{'  ' * i}a:\n" for i in range(600))),
    ("nested-flow", "  x: " + "{a: " * 75_000 + "1" + "}" * 75_000 + "\n"),
]:
    os.makedirs(f"{work}/{case}/accounts", exist_ok=True)
    with open(f"{work}/{case}/kam.yaml", "w") as f:
        f.write(base + "\nextra:\n" + nested)
EOF

median() { # command… → median seconds
  hyperfine -N -i -w 1 -r "${runs}" --export-json "$work/h.json" "$*" >/dev/null 2>&1
  python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$work/h.json"
}
peak() { # command… → peak resident memory in MB
  /usr/bin/time -f '%M' -o "$work/t.txt" "$@" >/dev/null 2>&1 || true
  awk '{printf "%.0f", $1/1024}' "$work/t.txt"
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
printf '%-16s %12s %9s %9s\n' case "input" "median s" "peak MB"
for case in one-line unknown-keys duplicate-keys nested-block nested-flow; do
  input=$( (du -b "$work/$case/accounts/e.toml" "$work/$case/kam.yaml" 2>/dev/null || true) | awk '{s += $1} END {printf "%.1f MB", s / 1e6}')
  printf '%-16s %12s %9s %9s\n' "$case" "$input" "$(median "$kam" -C "$work/$case" check)" "$(peak "$kam" -C "$work/$case" check)"
done
