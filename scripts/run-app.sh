#!/usr/bin/env bash
# Install the app on a fresh machine and start it with the sample article loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r requirements.txt -e .
exec .venv/bin/streamlit run timeline_app/app.py "$@"
