#!/usr/bin/env bash
# Set up everything that is missing (including Debian's chromium) and run every check and test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python manage.py makemigrations --check --dry-run
.venv/bin/python manage.py spectacular --validate --fail-on-warn > /dev/null
exec .venv/bin/pytest "$@"
