#!/usr/bin/env bash
# Writes every manual page with `kam man --dir` and lints each one with the roff linters found on
# this machine: mandoc (`-T lint`, warnings and worse) and groff (`-ww -z`, UTF-8 device). Fails on
# any message, or when neither linter is installed (Debian: apt-get install mandoc groff-base).
set -euo pipefail
cd "$(dirname "$0")/.."
kam=${KAM:-target/debug/kam}
[ -x "$kam" ] || cargo build --quiet
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$kam" --today 2026-01-01 man --dir "$dir"
linters=0
problems=0
if command -v mandoc >/dev/null; then
  linters=$((linters + 1))
  for page in "$dir"/*.1; do
    out=$(mandoc -T lint -W warning "$page" 2>&1 || true)
    if [ -n "$out" ]; then echo "$out"; problems=$((problems + 1)); fi
  done
fi
if command -v groff >/dev/null; then
  linters=$((linters + 1))
  for page in "$dir"/*.1; do
    out=$(groff -man -Tutf8 -ww -z "$page" 2>&1 || true)
    if [ -n "$out" ]; then echo "$(basename "$page"): $out"; problems=$((problems + 1)); fi
  done
fi
pages=$(ls "$dir"/*.1 | wc -l)
if [ "$linters" -eq 0 ]; then
  echo "no roff linter found (install mandoc or groff)" >&2
  exit 2
fi
echo "$pages pages, $linters linter(s), $problems page(s) with problems"
[ "$problems" -eq 0 ]
