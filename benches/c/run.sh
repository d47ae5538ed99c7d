#!/usr/bin/env bash
# C ABI vs Rust, per call, release builds (figures in benches/README.md, "C ABI").
#   benches/c/run.sh [FUNCTION]      (default approval_route; its request is the first plain row
#                                     of tests/fixtures/*/FUNCTION.json)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
FUNCTION=${1:-approval_route}
OUT=$ROOT/target/c/bench
mkdir -p "$OUT"

python3 - "$OUT" "$FUNCTION" <<'PY'
import glob, json, sys
out, function = sys.argv[1], sys.argv[2]
code = "2307-411300-04-01-000001"
stream = {"machine": "inv", "project_id": "B1", "instance": "B1"}
register = {"stream": stream, "event": "register_project", "actor": "project_unit", "date": "2023-07-03",
            "project_code": code,
            "facts": {"project_id": "B1", "project_code": code, "name": "Village road", "sector": "transport",
                      "nature": "non_operating", "mode": "direct_investment", "total": "8500000.00",
                      "unit_kind": "admin_or_public_unit", "industry_authority_org": "南阳市交通运输局"}}
select = {"stream": stream, "event": "select_route", "actor": "project_unit", "date": "2023-07-04",
          "project_code": code, "facts": {"chosen_route": "simplified_fsr_only"}}
open(f"{out}/apply.txt", "w").write(json.dumps(register, ensure_ascii=False) + "\n" + json.dumps(select, ensure_ascii=False))
for path in sorted(glob.glob(f"tests/fixtures/*/{function}.json")):
    for row in json.load(open(path))["rows"]:
        if "config" not in row and "expect" in row:
            open(f"{out}/request.json", "w").write(json.dumps(row["request"], ensure_ascii=False))
            sys.exit(0)
open(f"{out}/request.json", "w").write("")
PY

echo "== release builds"
cargo build -q --release -p wanzheng-ffi
cargo build -q --release -p wanzheng-ffi --example bench_rust
# The library under its SONAME (libwanzheng.so.<ABI>) with the link name beside it, as installed.
SONAME=$(readelf -d target/release/libwanzheng_ffi.so | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
rm -rf "$OUT/lib" && mkdir -p "$OUT/lib"
cp target/release/libwanzheng_ffi.so "$OUT/lib/$SONAME"
ln -s "$SONAME" "$OUT/lib/libwanzheng.so"
cc -std=c99 -O2 -Wall -Wextra -Werror -pedantic -I"$ROOT/include" benches/c/bench_abi.c \
  -L"$OUT/lib" -Wl,-rpath,"$OUT/lib" -lwanzheng -o "$OUT/bench_abi"

args=("$OUT/apply.txt")
if [ -s "$OUT/request.json" ] && "$OUT/bench_abi" "$OUT/apply.txt" "$FUNCTION" "$OUT/request.json" >/dev/null 2>&1; then
  args+=("$FUNCTION" "$OUT/request.json")
  echo "== decision: $FUNCTION $(cat "$OUT/request.json")"
else
  echo "== decision benches skipped: no registered $FUNCTION with a fixture row"
fi
echo "== Rust (core)"
"$ROOT/target/release/examples/bench_rust" "${args[@]}"
echo "== C ABI"
"$OUT/bench_abi" "${args[@]}"
