#!/usr/bin/env bash
# The Python benchmarks (benches/python/bench.py): builds the release wheel into .venv (as
# scripts/test-python.sh does), installs the peers (pytransitions, python-statemachine,
# zen-engine, pinned) and runs the bench. Figures: benches/README.md. `--quick` for a smoke run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PKG="$ROOT/bindings/python"
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}" "$ROOT/scripts/venv.sh"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/benches/python/requirements.txt"
rm -rf "$ROOT/target/wheels-python"
"$VENV/bin/maturin" build --locked --release --strip --manifest-path "$PKG/Cargo.toml" \
    --out "$ROOT/target/wheels-python" --interpreter "$VENV/bin/python"
"$VENV/bin/python" -m pip uninstall --quiet --yes wanzheng >/dev/null 2>&1 || true
"$VENV/bin/python" -m pip install --quiet --no-deps --force-reinstall "$ROOT"/target/wheels-python/wanzheng-*.whl
cd "$ROOT/target"
exec "$VENV/bin/python" "$ROOT/benches/python/bench.py" "$@"
