#!/usr/bin/env bash
# CI: freeze the program for Linux with the same spec as the Windows build, check the
# bundle (no WebEngine/QML/Quick, required files present) and run the FROZEN program's
# new/check/export on a sample draft. Any failure fails CI. Called by .ci/run after pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${NIANBAO_PYTHON:-.venv/bin/python}
started=$SECONDS
"$PY" -m pip install -q -e '.[build,test]'  # a no-op after .ci/run's install
QT_QPA_PLATFORM=offscreen "$PY" installer/build.py --smoke --no-installer
echo "installer/ci_smoke.sh: frozen build and smoke test took $((SECONDS - started)) s"
