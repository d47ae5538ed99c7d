#!/usr/bin/env bash
# Installs the C ABI under PREFIX: lib/libwanzheng.{so,a}, include/wanzheng.h, lib/pkgconfig/wanzheng.pc
# (release build; see bindings/c/Makefile for DESTDIR, LIBDIR and PROFILE).
set -euo pipefail
cd "$(dirname "$0")/.."
make -s -C bindings/c install PREFIX="${1:-/usr/local}" CARGO_FLAGS="--locked"
