#!/usr/bin/env bash
# `make test`: every test of every language. Installs what it needs (apt packages, a Python venv).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
scripts/test-rust.sh
scripts/check-examples.sh
for s in test-calendar.sh test-report.sh test-python.sh test-c.sh test-java.sh; do
  if [ -x "scripts/$s" ]; then scripts/$s; fi
done
echo "== all tests passed in $(( $(date +%s) - start ))s"
