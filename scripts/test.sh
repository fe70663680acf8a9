#!/usr/bin/env bash
# Sets everything up, then runs the whole check: ruff (lint and format) and the test suite.
# PostgreSQL variants run when CPRO_TEST_PG_URL points at a server (.ci/run sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
