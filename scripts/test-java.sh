#!/usr/bin/env bash
# The Java facade (bindings/java, JNA + JUnit 5) against the shared library built from this tree:
# the generated sources checked against the schema, cargo build -p wanzheng-ffi, then mvn -q -B
# install with -Dwanzheng.native pointing at it (the jar carries it as linux-x86-64/libwanzheng.so;
# the tests load it from there), then the consumer project examples/java built against the
# installed artifact alone.
# Installs Maven and a JDK with apt-get when missing; Maven downloads from Maven Central.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
need=()
command -v mvn >/dev/null || need+=(maven)
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
if ((${#need[@]})); then
  echo "== installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
# The generated sources (the vocabulary enums, the §4 request records) are what the schema makes.
echo "== generated Java is current (scripts/gen_java_enums.py, scripts/gen_java_requests.py --check)"
python3 scripts/gen_java_enums.py --check
python3 scripts/gen_java_requests.py --check
echo "== cargo build -p wanzheng-ffi -p wanzheng-cli"
cargo build -q -p wanzheng-ffi -p wanzheng-cli
LIB=$ROOT/target/debug/libwanzheng_ffi.so
echo "== mvn install (bindings/java, library $LIB)"
cd bindings/java
t0=$(date +%s)
mvn -q -B clean install -Dwanzheng.native="$LIB" -Dwanzheng.fixtures="$ROOT/tests/fixtures" \
  -Dwanzheng.cli="$ROOT/target/debug/wanzheng"
echo "== java suite: $(( $(date +%s) - t0 ))s"
# Every plugin is pinned: now that they are fetched, the jar builds offline.
mvn -o -q -B install -DskipTests -Dwanzheng.native="$LIB"
echo "== mvn -o install: ok (offline)"
# The consumer project (examples/java) against the installed artifact alone: the README's approval
# screen, and every bundled example replayed from Java with the CLI's counts.
echo "== examples/java (consumer of the installed jar)"
cd "$ROOT/examples/java"
files=$(ls ../investment/*.json ../digital/*.json)
out=$(mvn -q -B package exec:java@screen exec:java@check -Dexamples="$(echo $files)")
echo "$out" | grep -q '^\[ok\]   ' || { echo "$out"; echo "examples/java: the approval screen printed no enabled event"; exit 1; }
for f in $files; do
  want=$("$ROOT/target/debug/wanzheng" check --json "$f" | python3 -c 'import json,sys; d=json.load(sys.stdin)["summary"]; print("accepted %d, rejected %d, findings %d" % (d["accepted"], d["rejected"], d["findings"]))' || true)
  got=$(echo "$out" | grep -F "$f: " | head -1)
  if [ "$got" != "$f: $want" ]; then
    echo "$out"; echo "examples/java: $f gives '$got', the CLI '$want'"; exit 1
  fi
done
echo "examples/java: $(echo $files | wc -w) examples with the CLI's counts"
cd "$ROOT/bindings/java"
# Surefire is quiet with -q: print its counts.
python3 - <<'PY'
import glob, xml.etree.ElementTree as ET
t = f = e = s = 0
for path in glob.glob("target/surefire-reports/TEST-*.xml"):
    r = ET.parse(path).getroot()
    t += int(r.get("tests")); f += int(r.get("failures")); e += int(r.get("errors")); s += int(r.get("skipped"))
print(f"java: {t - f - e - s} passed, {f + e} failed, {s} skipped")
PY
