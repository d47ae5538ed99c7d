#!/usr/bin/env bash
# `make fuzz`: the cargo-fuzz targets of fuzz/ (FUZZING.md), each for FUZZ_SECONDS (default 60).
#   FUZZ_SECONDS=600 make fuzz                 longer
#   FUZZ_TARGETS="command c_abi" make fuzz     some targets
#   FUZZ_SANITIZER=address make fuzz           with AddressSanitizer (default none: the core has
#                                              no unsafe code; the C suite runs under ASan/valgrind)
# Seeds the corpora from tests/fixtures and examples/ (wanzheng-bench --bin fuzz-seed into
# fuzz/seeds; the growing corpus is fuzz/corpus; neither is committed), builds in release mode
# with debug assertions (overflow checks) on nightly, one job per target. A crash stops the run
# with its input in fuzz/artifacts/<target>/; each run appends "date target runs seconds
# corpus_files" to fuzz/runs.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"command log_replay project_file config decide calendar ruleset c_abi"}
sanitizer=${FUZZ_SANITIZER:-none}
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
rm -rf fuzz/seeds
cargo run -q --locked -p wanzheng-bench --bin fuzz-seed -- fuzz/seeds
(cd fuzz && cargo +nightly fuzz build -s "$sanitizer" -a)
for t in $targets; do
  mkdir -p "fuzz/corpus/$t"
  log=$(mktemp)
  echo "== fuzz $t for ${seconds}s"
  status=0
  (cd fuzz && cargo +nightly fuzz run -s "$sanitizer" -a "$t" "corpus/$t" "seeds/$t" -- \
      -max_total_time="$seconds" -print_final_stats=1 -max_len=1048576 -rss_limit_mb=4096) >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  files=$(find "fuzz/corpus/$t" -type f | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "${runs:-?}" "$seconds" "$files" >> fuzz/runs.tsv
  echo "   $t: ${runs:-?} executions, corpus $files files"
  if [ "$status" -ne 0 ]; then
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$log" | head -20
    echo "== fuzz $t FAILED (input in fuzz/artifacts/$t/, full output $log)"
    exit 1
  fi
  rm -f "$log"
done
echo "== fuzz: every target ran ${seconds}s without a crash (fuzz/runs.tsv)"
