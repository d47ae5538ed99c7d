#!/usr/bin/env bash
# The C side of wanzheng, end to end:
#   1. build wanzheng-ffi with its test hooks;
#   2. the C suite (bindings/c/tests/c, -std=c99 -Wall -Wextra -Werror -pedantic) against the
#      static library under AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. the same suite against the shared library under valgrind (zero errors, zero leaks);
#   4. `make install` into a temporary PREFIX, then the CMake project of examples/c finds it
#      through pkg-config, builds, and runs its tests (ctest), the legacy example included.
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
ARGS=("$ROOT/tests/fixtures" "$ROOT/bindings/c/tests/c/data")

echo "== cargo build -p wanzheng-ffi --features test-hooks"
cargo build -q -p wanzheng-ffi --features test-hooks
# Keep the hooked build apart: the install step below rebuilds the library without the hooks.
mkdir -p "$OUT/hooks"
cp target/debug/libwanzheng_ffi.a target/debug/libwanzheng_ffi.so "$OUT/hooks/"

echo "== C suite, static library, ASan + UBSan"
cc "${CFLAGS[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all \
  "${SRCS[@]}" "$OUT/hooks/libwanzheng_ffi.a" -lcjson -lpthread -ldl -lm -o "$OUT/wz_c_tests_asan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$OUT/wz_c_tests_asan" "${ARGS[@]}"

echo "== C suite, shared library, valgrind"
cc "${CFLAGS[@]}" "${SRCS[@]}" -L"$OUT/hooks" -Wl,-rpath,"$OUT/hooks" -lwanzheng_ffi -lcjson -lpthread \
  -o "$OUT/wz_c_tests"
valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \
  --errors-for-leak-kinds=definite,indirect,possible \
  --suppressions="$ROOT/bindings/c/tests/c/valgrind.supp" \
  "$OUT/wz_c_tests" "${ARGS[@]}"
echo "valgrind: 0 errors, 0 leaks"

PREFIX=$(mktemp -d "${TMPDIR:-/tmp}/wanzheng-prefix.XXXXXX")
cleanup() { if [[ "${KEEP_PREFIX:-0}" != 1 ]]; then rm -rf "$PREFIX"; fi; }
trap cleanup EXIT
echo "== make install PREFIX=$PREFIX (PROFILE=${WZ_PROFILE:-debug})"
make -s -C bindings/c install PREFIX="$PREFIX" PROFILE="${WZ_PROFILE:-debug}" CARGO_FLAGS=-q
test -f "$PREFIX/lib/libwanzheng.so" -a -f "$PREFIX/lib/libwanzheng.a" -a -f "$PREFIX/include/wanzheng.h"
PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" pkg-config --exists --print-errors wanzheng
echo "pkg-config: wanzheng $(PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" pkg-config --modversion wanzheng)"
# The installed library has no test hooks.
if nm -D "$PREFIX/lib/libwanzheng.so" | grep -q wz_test_arm_panic; then
  echo "installed library exports the test hook" >&2
  exit 1
fi

echo "== examples/c: CMake via pkg-config"
rm -rf "$OUT/cmake"
PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" cmake -S examples/c -B "$OUT/cmake" -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$OUT/cmake" >/dev/null
(cd "$OUT/cmake" && ctest --output-on-failure)

echo "== examples/c: the legacy approval client"
"$OUT/cmake/wz_legacy" examples/c/data/village_road.json
