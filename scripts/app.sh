#!/usr/bin/env bash
# Sets up and starts the app on its embedded defaults: offline drafter, SQLite, http://127.0.0.1:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/shuzhi serve "$@"
