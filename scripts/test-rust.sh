#!/usr/bin/env bash
# The Rust part of `make test`: format, lints, tests with doctests, docs, benches compile.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== rust: fmt"
cargo fmt --all --check
echo "== rust: clippy (-D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== rust: tests and doctests"
cargo test --workspace --locked
echo "== rust: docs (-D warnings)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet
echo "== rust: benches build"
cargo bench --workspace --locked --no-run --quiet
if [ -f ../shared/RULES.md ]; then
  echo "== rust: catalogue matches RULES.md"
  python3 scripts/gen_catalogue.py --check ../shared/RULES.md
fi
