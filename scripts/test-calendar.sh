#!/usr/bin/env bash
# Compares the embedded working-day calendar (2023–2026) with the PyPI package chinese-calendar,
# day by day, through `wanzheng calendar --year Y --json`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/venv.sh
cargo build --quiet --locked -p wanzheng-cli
for y in 2023 2024 2025 2026; do target/debug/wanzheng calendar --year "$y" --json; done \
  | .venv/bin/python scripts/check_calendar.py -
