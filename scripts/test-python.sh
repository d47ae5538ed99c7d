#!/usr/bin/env bash
# The Python package's checks: build the wheel with maturin, install it (not editable) into the
# repository's .venv, then run pytest (warnings are errors), mypy's stubtest and the example
# notebook there. Everything comes from PyPI; python3.11 (or $PYTHON) makes the venv.
#
#   scripts/test-python.sh            # build (release) + test
#   FRESH=1 scripts/test-python.sh    # recreate .venv first
#   PROFILE=dev scripts/test-python.sh  # faster debug build of the extension
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG="$ROOT/bindings/python"
VENV="$ROOT/.venv"
PY="${PYTHON:-$(command -v python3.11 || command -v python3)}"
WHEELS="$ROOT/target/wheels-python"
PROFILE="${PROFILE:-release}"

step() { printf '\n== %s\n' "$*"; }

if [[ "${FRESH:-0}" == 1 ]]; then rm -rf "$VENV"; fi
step "venv $VENV with the pinned requirements (scripts/venv.sh)"
PYTHON="$PY" "$ROOT/scripts/venv.sh"

step "building the wheel (maturin, $PROFILE)"
rm -rf "$WHEELS"
build=(build --locked --manifest-path "$PKG/Cargo.toml" --out "$WHEELS" --interpreter "$VENV/bin/python")
if [[ "$PROFILE" == release ]]; then build+=(--release --strip); else build+=(--profile "$PROFILE"); fi
"$VENV/bin/maturin" "${build[@]}"

step "installing the wheel into $VENV"
"$VENV/bin/python" -m pip uninstall --quiet --yes wanzheng >/dev/null 2>&1 || true
"$VENV/bin/python" -m pip install --quiet --no-deps --force-reinstall "$WHEELS"/wanzheng-*.whl

# Run from outside the source tree so `import wanzheng` is the installed wheel.
cd "$ROOT/target"
"$VENV/bin/python" - <<'PY'
import wanzheng, pathlib
where = pathlib.Path(wanzheng.__file__).resolve()
assert "site-packages" in where.parts, f"testing the source tree, not the wheel: {where}"
print(f"wanzheng {wanzheng.__version__} from {where.parent}")
PY

step "stubtest"
"$VENV/bin/python" -m mypy.stubtest wanzheng --allowlist "$PKG/stubtest-allowlist.txt"

step "mypy --strict on the tests (the stubs as a user's type checker sees them)"
MYPYPATH="$PKG/tests" "$VENV/bin/python" -m mypy --strict --no-incremental --explicit-package-bases \
    --config-file "$PKG/pyproject.toml" "$PKG/tests"

step "pytest (shared fixtures, properties, pickling, processes, example notebook)"
"$VENV/bin/python" -m pytest -c "$PKG/pyproject.toml" --rootdir "$PKG" "$PKG/tests" "$@"
