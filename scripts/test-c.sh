#!/usr/bin/env bash
# The C side of wanzheng, end to end:
#   1. build wanzheng-ffi with its test hooks;
#   2. the C suite (bindings/c/tests/c, -std=c99 -Wall -Wextra -Werror -pedantic) against the
#      static library under AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. the same suite against the shared library under valgrind (zero errors, zero leaks);
#   4. `make install` into a temporary PREFIX (stripped, as a release install): SONAME and links,
#      the data files, a program built with `pkg-config --libs wanzheng` starts without
#      LD_LIBRARY_PATH (rpath), one built with `wanzheng-static` has no libwanzheng to load;
#   5. the CMake project of examples/c finds it through pkg-config, builds, and runs its tests
#      (ctest: the legacy client on every repository example, with the CLI's counts);
#   6. wz_check (examples/c/check.c, over wz_check_file) prints, for every example, exactly what
#      `wanzheng check --json` prints.
# Installs what it needs with apt-get when missing. Env: WZ_PROFILE (debug|release, for the
# install step; default debug), KEEP_PREFIX=1 to keep the temporary prefix.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/target/c
mkdir -p "$OUT"
export RUST_BACKTRACE=0   # the forced panics of the test hooks print one line each, not a trace

need=()
command -v cc >/dev/null || need+=(gcc)
command -v valgrind >/dev/null || need+=(valgrind)
command -v cmake >/dev/null || need+=(cmake)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v make >/dev/null || need+=(make)
dpkg -s libcjson-dev >/dev/null 2>&1 || need+=(libcjson-dev)
if ((${#need[@]})); then
  echo "== installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

CFLAGS=(-std=c99 -Wall -Wextra -Werror -pedantic -g -O1 -DWZ_TEST_HOOKS -I"$ROOT/include")
SRCS=("$ROOT"/bindings/c/tests/c/*.c)
ARGS=("$ROOT/tests/fixtures" "$ROOT/bindings/c/tests/c/data" "$ROOT/examples")

echo "== cargo build -p wanzheng-ffi --features test-hooks"
cargo build -q -p wanzheng-ffi --features test-hooks
# Keep the hooked build apart: the install step below rebuilds the library without the hooks.
# The shared library carries its SONAME (libwanzheng.so.<ABI>): put it under that name, with the
# link name beside it, as an install does.
SONAME=$(readelf -d target/debug/libwanzheng_ffi.so | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
test -n "$SONAME"
rm -rf "$OUT/hooks" && mkdir -p "$OUT/hooks"
cp target/debug/libwanzheng_ffi.a "$OUT/hooks/"
cp target/debug/libwanzheng_ffi.so "$OUT/hooks/$SONAME"
ln -s "$SONAME" "$OUT/hooks/libwanzheng.so"

echo "== C suite, static library, ASan + UBSan"
cc "${CFLAGS[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all \
  "${SRCS[@]}" "$OUT/hooks/libwanzheng_ffi.a" -lcjson -lpthread -ldl -lm -o "$OUT/wz_c_tests_asan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$OUT/wz_c_tests_asan" "${ARGS[@]}"

echo "== C suite, shared library, valgrind"
cc "${CFLAGS[@]}" "${SRCS[@]}" -L"$OUT/hooks" -Wl,-rpath,"$OUT/hooks" -lwanzheng -lcjson -lpthread \
  -o "$OUT/wz_c_tests"
valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \
  --errors-for-leak-kinds=definite,indirect,possible \
  --suppressions="$ROOT/bindings/c/tests/c/valgrind.supp" \
  "$OUT/wz_c_tests" "${ARGS[@]}"
echo "valgrind: 0 errors, 0 leaks"

PREFIX=$(mktemp -d "${TMPDIR:-/tmp}/wanzheng-prefix.XXXXXX")
cleanup() { if [[ "${KEEP_PREFIX:-0}" != 1 ]]; then rm -rf "$PREFIX"; fi; }
trap cleanup EXIT
echo "== make install PREFIX=$PREFIX (PROFILE=${WZ_PROFILE:-debug}, stripped)"
make -s -C bindings/c install PREFIX="$PREFIX" PROFILE="${WZ_PROFILE:-debug}" STRIP_INSTALL=1 CARGO_FLAGS=-q
L=$PREFIX/lib
test -f "$L/$SONAME" -a -L "$L/libwanzheng.so" -a "$(readlink "$L/libwanzheng.so")" = "$SONAME"
test -f "$L/libwanzheng.a" -a -f "$PREFIX/include/wanzheng.h"
for f in reference.md wanzheng.schema.json valgrind.supp; do test -s "$PREFIX/share/wanzheng/$f"; done
grep -q 'share/wanzheng' "$PREFIX/include/wanzheng.h"
if readelf -S "$L/$SONAME" | grep -q '\.debug_'; then echo "installed $SONAME is not stripped" >&2; exit 1; fi
echo "installed: $SONAME $(du -k "$L/$SONAME" | cut -f1) KiB, libwanzheng.a $(du -k "$L/libwanzheng.a" | cut -f1) KiB (stripped)"
export PKG_CONFIG_PATH="$L/pkgconfig"
pkg-config --exists --print-errors wanzheng wanzheng-static
echo "pkg-config: wanzheng $(pkg-config --modversion wanzheng), datadir $(pkg-config --variable=datadir wanzheng)"
# The installed library has no test hooks.
if nm -D "$L/$SONAME" | grep -q wz_test_arm_panic; then
  echo "installed library exports the test hook" >&2
  exit 1
fi

echo "== a program against the prefix: shared (rpath from pkg-config), static (wanzheng-static)"
# shellcheck disable=SC2046  # pkg-config output is a list of words
cc -std=c99 examples/c/hello.c $(pkg-config --cflags --libs wanzheng) -o "$OUT/hello_shared"
readelf -d "$OUT/hello_shared" | grep -q "NEEDED.*\[$SONAME\]"
env -u LD_LIBRARY_PATH "$OUT/hello_shared" | head -n 1
# shellcheck disable=SC2046
cc -std=c99 examples/c/hello.c $(pkg-config --cflags --libs --static wanzheng-static) -o "$OUT/hello_static"
if ldd "$OUT/hello_static" | grep -q wanzheng; then echo "wanzheng-static linked libwanzheng dynamically" >&2; exit 1; fi
"$OUT/hello_static" | head -n 1

echo "== examples/c: CMake via pkg-config"
rm -rf "$OUT/cmake"
cmake -S examples/c -B "$OUT/cmake" -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$OUT/cmake" >/dev/null
(cd "$OUT/cmake" && ctest --output-on-failure)

echo "== examples/c: the legacy approval client"
"$OUT/cmake/wz_legacy" examples/c/data/village_road.json

echo "== wz_check_file = wanzheng check --json, byte for byte, on every example"
cargo build -q -p wanzheng-cli
for f in examples/investment/*.json examples/digital/*.json; do
  set +e
  target/debug/wanzheng check "$f" --json > "$OUT/cli.json"; cli=$?
  "$OUT/cmake/wz_check" "$f" > "$OUT/c.json"; c=$?
  set -e
  if ! cmp -s "$OUT/cli.json" "$OUT/c.json" || [ "$cli" != "$c" ]; then
    echo "wz_check and wanzheng check differ on $f (exit $c vs $cli)" >&2
    diff "$OUT/cli.json" "$OUT/c.json" | head -20 >&2
    exit 1
  fi
  echo "same: $f (exit $c)"
done
