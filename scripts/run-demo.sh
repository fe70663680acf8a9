#!/usr/bin/env bash
# Sets everything up, then opens CPRO Desktop on the embedded demo store (created if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
exec .venv/bin/cpro-desktop --demo "$@"
