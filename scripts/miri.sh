#!/usr/bin/env bash
# `make miri`: the FFI crate's unit tests (bindings/c/src/tests.rs: handles, tags, NULLs,
# freed handles, panics at the boundary, threads sharing a handle) and a fast subset of the
# core's under Miri (nightly), which reports undefined behaviour, out-of-bounds or dangling
# accesses, data races and leaks. Not part of `make test`: it does not fit its 20-minute budget
# (FUZZING.md, "Miri": wall time measured here).
#
# The core subset (MIRI_CORE_FILTER, libtest name filters, several allowed): by default what ran
# on the loaded machine — money parsing and formatting (money::), the approval-
# route decisions (investment::route::), the keyed checkpoints (anchor::) and the canonical JSON
# writer (canonical::; its shapes test not yet seen to finish). On a quiet machine add the strict JSON reader (json::), the hash chain
# (log::), strict dates (date::), the estimate decisions (investment::estimate::), the §4 batch
# (decide::) and one short lifecycle (investment::project::tests::replay_and_tamper): FUZZING.md
# gives the command and the CPU each costs. Tests that cannot finish under Miri are
# `#[cfg_attr(miri, ignore)]` with the reason beside them. Proptest cases are cut to
# PROPTEST_CASES (default 4): Miri runs ~1,000× slower than native code.
#
# MIRIFLAGS:
# * FFI crate (MIRI_FFI_FLAGS, default none): Miri's isolation stays on — the tests read nothing
#   from the host (their fixtures are include_str!), so the run is deterministic; the threads
#   and the locks are interpreted, with Miri's data-race detector.
# * core (MIRI_CORE_FLAGS, default -Zmiri-disable-isolation): proptest reads PROPTEST_CASES
#   from the environment and opens its proptest-regressions/ files, which isolation refuses.
set -euo pipefail
cd "$(dirname "$0")/.."
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
rustup component list --toolchain nightly --installed | grep -q '^miri' ||
  rustup component add --toolchain nightly miri rust-src
export PROPTEST_CASES=${PROPTEST_CASES:-4}
ffi_flags=${MIRI_FFI_FLAGS:-}
core_flags=${MIRI_CORE_FLAGS:-"-Zmiri-disable-isolation"}
core_filter=${MIRI_CORE_FILTER:-"money:: investment::route:: anchor:: canonical::"}
log=$(mktemp)
start=$(date +%s)
echo "== miri: wanzheng-ffi unit tests (MIRIFLAGS=$ffi_flags)"
MIRIFLAGS="$ffi_flags" cargo +nightly miri test --locked -p wanzheng-ffi --lib 2>&1 | tee -a "$log"
echo "== miri: wanzheng core, filters: $core_filter (MIRIFLAGS=$core_flags)"
# shellcheck disable=SC2086
MIRIFLAGS="$core_flags" cargo +nightly miri test --locked -p wanzheng --lib -- $core_filter 2>&1 | tee -a "$log"
passed=$(awk '/^test result: ok\./ { n += $4 } END { print n + 0 }' "$log")
ignored=$(awk '/^test result: ok\./ { n += $8 } END { print n + 0 }' "$log")
rm -f "$log"
echo "== miri passed: $passed tests ($ignored ignored) in $(( $(date +%s) - start ))s, no undefined behaviour"
