#!/usr/bin/env bash
# Peak memory and wall time of `kam diff` over a commit that deletes one big account file and
# adds another (the case in which git's own rename detection loads both blobs whole).
#
# usage: bench/rename-memory.sh [MB]     (default: 400; each file is MB megabytes)
# needs: GNU time (/usr/bin/time), git
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
mb=${1:-400}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --manifest-path "$here/Cargo.toml" --bin kam
kam="$here/target/release/kam"

git -C "$work" init -q
mkdir -p "$work/accounts"
head -c $((mb * 1024 * 1024)) /dev/zero | tr '\0' 'y' >"$work/accounts/huge2.toml"
git -C "$work" add -A
git -C "$work" -c user.name=bench -c user.email=bench@example.com commit -qm "a big file"
git -C "$work" rm -q accounts/huge2.toml
head -c $((mb * 1024 * 1024)) /dev/zero | tr '\0' 'z' >"$work/accounts/huge3.toml"
git -C "$work" add -A
git -C "$work" -c user.name=bench -c user.email=bench@example.com commit -qm "another in its place"

echo "two files of $mb MB, one deleted and one added:"
/usr/bin/time -f "kam diff HEAD~1 HEAD: peak %M KB, %e s" "$kam" -C "$work" diff HEAD~1 HEAD >/dev/null || true
/usr/bin/time -f "git diff --raw -M (for comparison): peak %M KB, %e s" \
  git -C "$work" diff --raw -M HEAD~1 HEAD >/dev/null
