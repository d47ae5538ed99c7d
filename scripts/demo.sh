#!/usr/bin/env bash
# `make demo`: the main job — the CLI on the bundled examples.
set -uo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --locked -p wanzheng-cli || exit 2
bin=target/release/wanzheng
echo "### Approval routes (RULES.md §4.1)"
for t in 8500000.00 10000000.00 10000000.01 50000000.00 120000000.00; do
  echo "\$ wanzheng route --total $t"; "$bin" route --total "$t"; echo
done
echo "\$ wanzheng route --total 50000000.00 --flag agreed"; "$bin" route --total 50000000.00 --flag agreed; echo
echo "### Rule lookup"
echo "\$ wanzheng explain INV-48.3"; "$bin" explain INV-48.3; echo
echo "### Example projects"
shopt -s nullglob
for f in examples/investment/*.json examples/digital/*.json; do
  echo "\$ wanzheng check $f"; "$bin" check "$f"
done
echo "### Diagram (Mermaid) of the investment lifecycle"
"$bin" diagram investment --format mermaid | head -20
echo "…"
exit 0
