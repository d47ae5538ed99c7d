#!/usr/bin/env bash
# `make msrv`: checks the workspace with the minimum supported Rust version declared in
# Cargo.toml ([workspace.package] rust-version, inherited by every crate), installing that
# toolchain with rustup when absent. The minimum is set by the dependencies (sha2 0.11 and
# proptest 1.12 declare 1.88) and by the code (edition 2024, let chains).
set -euo pipefail
cd "$(dirname "$0")/.."
ver=$(sed -n 's/^rust-version *= *"\([0-9.]*\)"/\1/p' Cargo.toml | head -1)
[ -n "$ver" ] || { echo "no rust-version in Cargo.toml [workspace.package]" >&2; exit 1; }
for toml in crates/*/Cargo.toml bindings/*/Cargo.toml tests/Cargo.toml benches/Cargo.toml; do
  grep -q '^rust-version.workspace = true' "$toml" || { echo "$toml does not inherit rust-version" >&2; exit 1; }
done
rustup toolchain list | grep -q "^$ver" || rustup toolchain install "$ver" --profile minimal
echo "== cargo +$ver check --workspace --locked"
CARGO_TARGET_DIR=target/msrv cargo "+$ver" check --workspace --locked
echo "== msrv: the workspace builds with Rust $ver"
