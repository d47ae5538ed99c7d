#!/usr/bin/env bash
# The inspection report in a real browser. For every bundled example project file:
#   1. `wanzheng report FILE --html` writes the page (target/report-screenshots/NAME.html);
#   2. headless Chromium loads a copy with a measuring script (scripts/report_probe.js; the
#      report itself has none) and dumps its DOM at A4 width (794 px = 210 mm): scripts/check_report_dom.py then
#      asserts that every finding code and every rejection `wanzheng check --json` reports is in
#      the page with its messages and article, that nothing is wider than the page, and that no
#      SVG label is cut off or overlaps another;
#   3. Chromium screenshots the page itself, whole, to target/report-screenshots/NAME.png
#      (kept as CI artifacts).
# Installs chromium and a CJK font (Debian packages) with apt-get when missing, as test-c.sh does.
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
WIDTH=794   # A4 width at 96 dpi

chrome() {  # chrome PROFILE_SUFFIX ARGS… — one headless run, its own profile, no network, no noise
  local dir=$PROFILE_DIR/$1; shift
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$dir" "$@" 2>/dev/null
}

cp scripts/report_probe.js "$OUT/probe.js"
shopt -s nullglob
files=(examples/investment/*.json examples/digital/*.json)
for f in "${files[@]}"; do
  name=$(basename "$(dirname "$f")")_$(basename "$f" .json)
  "$bin" report "$f" --html "$OUT/$name.html"
  set +e; "$bin" check "$f" --json > "$OUT/$name.check.json"; set -e
  # The probe: the page with the measuring script (scripts/report_probe.js) before </body>.
  sed 's|</body>|<script src="probe.js"></script></body>|' "$OUT/$name.html" > "$OUT/$name.probe.html"
done

# Pass 1: the DOM of every probe (two browsers at a time: the machine has two cores).
printf '%s\n' "${files[@]}" | xargs -P 2 -I{} bash -c '
  f={}; name=$(basename "$(dirname "$f")")_$(basename "$f" .json)
  '"$(declare -f chrome)"'; PROFILE_DIR='"$PROFILE_DIR"'
  chrome "dom-$name" --window-size='"$WIDTH"',1123 --dump-dom "file://'"$OUT"'/$name.probe.html" > "'"$OUT"'/$name.dom.html"'

python3 scripts/check_report_dom.py "$OUT" "$WIDTH"

# Pass 2: whole-page screenshots of the reports themselves, at the height pass 1 measured.
printf '%s\n' "${files[@]}" | xargs -P 2 -I{} bash -c '
  f={}; name=$(basename "$(dirname "$f")")_$(basename "$f" .json)
  '"$(declare -f chrome)"'; PROFILE_DIR='"$PROFILE_DIR"'
  h=$(sed -n "s/.*data-wz-height=\"\([0-9]*\)\".*/\1/p" "'"$OUT"'/$name.dom.html" | head -1)
  chrome "shot-$name" --window-size='"$WIDTH"',"${h:-1123}" --screenshot="'"$OUT"'/$name.png" "file://'"$OUT"'/$name.html" >/dev/null'

for f in "${files[@]}"; do
  name=$(basename "$(dirname "$f")")_$(basename "$f" .json)
  test -s "$OUT/$name.png" || { echo "no screenshot for $f" >&2; exit 1; }
  [[ "${KEEP:-0}" == 1 ]] || rm -f "$OUT/$name.probe.html" "$OUT/$name.dom.html" "$OUT/$name.check.json"
done
[[ "${KEEP:-0}" == 1 ]] || rm -f "$OUT/probe.js"
echo "== report: ${#files[@]} pages checked in Chromium, screenshots in target/report-screenshots ($(( $(date +%s) - start ))s)"
