#!/usr/bin/env bash
# Runs `wanzheng check` on every bundled example: clean examples must exit 0, the rule-breaking
# ones (file names containing "violations") must exit 1 and report findings.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --locked -p wanzheng-cli
bin=target/debug/wanzheng
fail=0
shopt -s nullglob
for f in examples/investment/*.json examples/digital/*.json; do
  set +e; "$bin" check "$f" --json > /tmp/wanzheng-check.json; rc=$?; set -e
  case "$f" in
    *violations*) want=1 ;;
    *) want=0 ;;
  esac
  if [ "$rc" != "$want" ]; then
    echo "FAIL $f: exit $rc, expected $want"; "$bin" check "$f" | tail -40; fail=1
  else
    echo "ok   $f (exit $rc)"
  fi
done
"$bin" route --total 8500000.00 --json > /dev/null
"$bin" explain INV-48.3 > /dev/null
"$bin" diagram investment --format dot > /dev/null
exit $fail
