#!/usr/bin/env bash
# `make fuzz`: the cargo-fuzz targets of fuzz/ (FUZZING.md), each for FUZZ_SECONDS (default 60).
#   FUZZ_SECONDS=600 make fuzz                 longer
#   FUZZ_TARGETS="command c_abi" make fuzz     some targets
#   FUZZ_SANITIZER=address make fuzz           with AddressSanitizer (default none: the core has
#                                              no unsafe code; the C suite runs under ASan/valgrind)
#   FUZZ_SKIP_BUILD=1 make fuzz                run the targets as last built, with the seeds kept
#   FUZZ_CODEGEN_UNITS=1 make fuzz             cargo-fuzz's own default (slower build, somewhat faster
#                                              runs; default here 16: a quicker build)
# The fuzzers run under `nice -n 19` (FUZZ_NICE) with one job: the machine is shared.
# Seeds the corpora from tests/fixtures and examples/ (wanzheng-bench --bin fuzz-seed into
# fuzz/seeds; the growing corpus is fuzz/corpus; neither is committed), builds in release mode
# with debug assertions (overflow checks) on nightly, one job per target. A crash stops the run
# with its input in fuzz/artifacts/<target>/; each run appends "date target runs seconds
# corpus_files corpus_size" to fuzz/runs.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"command log_replay project_file config decide calendar ruleset c_abi"}
sanitizer=${FUZZ_SANITIZER:-none}
cgu=${FUZZ_CODEGEN_UNITS:-16}
niceness=${FUZZ_NICE:-19}
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  rm -rf fuzz/seeds
  cargo run -q --locked -p wanzheng-bench --bin fuzz-seed -- fuzz/seeds
  (cd fuzz && cargo +nightly fuzz build -s "$sanitizer" -a --codegen-units "$cgu")
fi
# The targets are run as built (not through `cargo fuzz run`, which would rebuild them if the
# tree changed during a long campaign), with cargo-fuzz's flags.
bin=target/$(rustc +nightly -vV | sed -n 's/^host: //p')/release
for t in $targets; do
  mkdir -p "fuzz/corpus/$t"
  log=$(mktemp)
  echo "== fuzz $t for ${seconds}s"
  status=0
  mkdir -p "fuzz/artifacts/$t"
  (cd fuzz && nice -n "$niceness" "$bin/$t" -artifact_prefix="artifacts/$t/" -max_total_time="$seconds" \
      -print_final_stats=1 -max_len=1048576 -rss_limit_mb=4096 "corpus/$t" "seeds/$t") >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  files=$(find "fuzz/corpus/$t" -type f | wc -l)
  size=$(du -sh "fuzz/corpus/$t" | cut -f1)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "${runs:-?}" "$seconds" "$files" "$size" >> fuzz/runs.tsv
  echo "   $t: ${runs:-?} executions, corpus $files files ($size)"
  if [ "$status" -ne 0 ]; then
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$log" | head -20
    echo "== fuzz $t FAILED (input in fuzz/artifacts/$t/, full output $log)"
    exit 1
  fi
  rm -f "$log"
done
echo "== fuzz: every target ran ${seconds}s without a crash (fuzz/runs.tsv)"
