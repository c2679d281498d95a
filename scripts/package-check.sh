#!/usr/bin/env bash
# Packages the crate as crates.io would receive it and runs the test suite of the packaged copy
# alone, outside the repository: proves the package holds every file its build and tests need.
#
# usage: scripts/package-check.sh        (needs: cargo, network access to crates.io or a warm cache)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"
cargo package --no-verify --quiet
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
tar xzf "target/package/kam-$version.crate" -C "$work"
cd "$work/kam-$version"
# The packaged copy is not a git repository, as on a user's machine after `cargo install` or a
# download from crates.io; the tests make their own repositories where they need one.
CARGO_TARGET_DIR="$work/target" cargo test --quiet
echo "package-check: kam-$version packaged and its tests pass on their own"
