#!/usr/bin/env bash
# Cross-checks the working-day calendar, day by day, through `wanzheng calendar --year Y --json`:
# the embedded notices (2023–2026) against PyPI chinese-calendar; the provisional years
# (2027–2099: statutory holidays, weekends, Article 6 补假) against PyPI holidays (China); the
# festival table (除夕/春节, 清明, 端午, 中秋 of 2023–2099) against PyPI lunardate and holidays, and
# the committed table file against scripts/gen_festivals.py (lunar-python).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/venv.sh
cargo build --quiet --locked -p wanzheng-cli
for y in $(seq 2023 2099); do target/debug/wanzheng calendar --year "$y" --json; done \
  | .venv/bin/python scripts/check_calendar.py --years 2023-2099 \
      --table crates/wanzheng/src/calendar/festivals.rs -
