#!/usr/bin/env bash
# Creates (once) the project's Python venv at .venv and installs the pinned test requirements.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
stamp=.venv/.requirements-stamp
reqs="scripts/requirements-test.txt"
[ -f bindings/python/requirements-dev.txt ] && reqs="$reqs bindings/python/requirements-dev.txt"
want=$(cat $reqs | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  for r in $reqs; do .venv/bin/python -m pip install --quiet -r "$r"; done
  echo "$want" > "$stamp"
fi
