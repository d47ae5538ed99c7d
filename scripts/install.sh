#!/usr/bin/env bash
# Installs the CLI (and, when present, the C library, header and pkg-config file) under PREFIX.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-/usr/local}
cargo build --release --locked -p wanzheng-cli
install -D -m 0755 target/release/wanzheng "$prefix/bin/wanzheng"
if [ -x scripts/install-c.sh ]; then scripts/install-c.sh "$prefix"; fi
echo "installed into $prefix"
