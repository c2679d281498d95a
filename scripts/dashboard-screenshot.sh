#!/usr/bin/env bash
# Renders the dashboard of the sample accounts with headless Chromium to a PNG, so a person can
# look at it (and docs/directors.md can show it).
#
# usage: scripts/dashboard-screenshot.sh [OUT.png] [--zh] [--width PX] [--height PX]
#   OUT.png   where to write the picture (default: docs/dashboard.png)
#   --zh      with the Chinese playbook (examples/playbooks/zh-CN.yaml)
#   --width/--height   the browser window (default 1280 × 3580)
#
# needs: cargo, and Chromium from the distribution's packages; when Chromium is missing and
# apt-get can be run, it is installed (chromium, and fonts-noto-cjk for the Chinese names).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/docs/dashboard.png"
zh=0
width=1280
height=3580
while [ $# -gt 0 ]; do
  case "$1" in
    --zh) zh=1 ;;
    --width) width=$2; shift ;;
    --height) height=$2; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) out=$1 ;;
  esac
  shift
done

find_browser() {
  for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null; then echo "$b"; return 0; fi
  done
  return 1
}
browser=$(find_browser) || {
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "dashboard-screenshot: installing chromium from the distribution's packages" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
    browser=$(find_browser)
  else
    echo "dashboard-screenshot: Chromium is needed: apt-get install -y chromium fonts-noto-cjk" >&2
    exit 2
  fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/accounts" "$work/accounts"
if [ "$zh" = 1 ]; then
  cp "$here/examples/playbooks/zh-CN.yaml" "$work/kam.yaml"
fi

cargo build --release --quiet --manifest-path "$here/Cargo.toml" --bin kam
# The build goes where cargo puts it: CARGO_TARGET_DIR when set.
target=${CARGO_TARGET_DIR:-$here/target}
# The samples' "today", so the picture does not change with the day it is taken.
"$target/release/kam" -C "$work" --today 2026-11-25 dashboard -o "$work/pipeline.html" >/dev/null

mkdir -p "$(dirname "$out")"
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
  --user-data-dir="$work/profile" --window-size="$width,$height" \
  --screenshot="$out" "file://$work/pipeline.html" >/dev/null 2>&1
[ -s "$out" ] || { echo "dashboard-screenshot: Chromium wrote no picture" >&2; exit 1; }
# Smaller for the repository, where pngquant is installed (apt-get install pngquant).
if command -v pngquant >/dev/null; then
  pngquant --quality 60-85 --speed 1 --force --output "$out" "$out" || true
fi
echo "wrote $out"
