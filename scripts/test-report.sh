#!/usr/bin/env bash
# The inspection report in a real browser. For every bundled example project file,
# `wanzheng report FILE --html` writes the page to target/report-screenshots/NAME.html; then one
# headless Chromium (scripts/check_reports.py drives it over its DevTools pipe, one browser for
# every page) loads each page in an A4-wide window, keeps a whole-page screenshot NAME.png (CI
# artifacts), runs the measuring probe scripts/report_probe.js (the report itself has no script)
# and checks the DOM it serialises: every finding and rejection `wanzheng check --json` reports
# is shown with its article and messages; nothing is wider than 210 mm; no SVG label is cut off
# or overlaps another. Installs chromium and a CJK font (Debian packages) with apt-get when
# missing, as test-c.sh does. KEEP=1 keeps the DOM dumps and check outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/target/report-screenshots
start=$(date +%s)

need=()
command -v chromium >/dev/null || need+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-wqy-microhei)
command -v python3 >/dev/null || need+=(python3)
if ((${#need[@]})); then
  echo "== installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

cargo build --quiet --locked -p wanzheng-cli
bin=$ROOT/target/debug/wanzheng
rm -rf "$OUT"
mkdir -p "$OUT"
PROFILE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/wanzheng-chromium.XXXXXX")
trap 'rm -rf "$PROFILE_DIR"' EXIT

shopt -s nullglob
files=(examples/investment/*.json examples/digital/*.json)
for f in "${files[@]}"; do
  name=$(basename "$(dirname "$f")")_$(basename "$f" .json)
  "$bin" report "$f" --html "$OUT/$name.html"
  set +e; "$bin" check "$f" --json > "$OUT/$name.check.json"; set -e
done

python3 scripts/check_reports.py "$OUT" scripts/report_probe.js \
  --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$PROFILE_DIR"

for f in "${files[@]}"; do
  name=$(basename "$(dirname "$f")")_$(basename "$f" .json)
  test -s "$OUT/$name.png" || { echo "no screenshot for $f" >&2; exit 1; }
  [[ "${KEEP:-0}" == 1 ]] || rm -f "$OUT/$name.dom.html" "$OUT/$name.check.json"
done
echo "== report: ${#files[@]} pages checked in Chromium, screenshots in target/report-screenshots ($(( $(date +%s) - start ))s)"
