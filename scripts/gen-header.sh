#!/usr/bin/env bash
# Regenerates include/wanzheng.h with the cbindgen pinned by Cargo.lock (bindings/c/tests/header.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
WZ_BLESS_HEADER=1 cargo test -q -p wanzheng-ffi --test header committed_header_is_what_cbindgen_renders
cargo test -q -p wanzheng-ffi --test header
