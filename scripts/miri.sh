#!/usr/bin/env bash
# `make miri`: the FFI crate's unit tests (bindings/c/src/tests.rs: handles, tags, NULLs,
# freed handles, panics at the boundary, threads sharing a handle) and a fast subset of the
# core's under Miri (nightly), which reports undefined behaviour, out-of-bounds or dangling
# accesses, data races and leaks. The core subset (MIRI_CORE_FILTER, several filters allowed)
# covers the byte-level code: the canonical JSON writer and the hash chain, money parsing and
# formatting, the strict JSON reader, the log and the keyed checkpoints. Proptest cases are cut
# to PROPTEST_CASES (default 4): Miri runs ~1,000× slower than native code.
set -euo pipefail
cd "$(dirname "$0")/.."
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
rustup component list --toolchain nightly --installed | grep -q '^miri' ||
  rustup component add --toolchain nightly miri rust-src
export PROPTEST_CASES=${PROPTEST_CASES:-4}
# The tests read fixture files; the FFI tests spawn threads and read the clock.
export MIRIFLAGS=${MIRIFLAGS:-"-Zmiri-disable-isolation"}
core_filter=${MIRI_CORE_FILTER:-"canonical:: money:: json:: anchor::"}
start=$(date +%s)
echo "== miri: wanzheng-ffi unit tests"
cargo +nightly miri test --locked -p wanzheng-ffi --lib
echo "== miri: wanzheng core, filters: $core_filter"
# shellcheck disable=SC2086
cargo +nightly miri test --locked -p wanzheng --lib -- $core_filter
echo "== miri passed in $(( $(date +%s) - start ))s"
