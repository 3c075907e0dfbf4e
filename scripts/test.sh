#!/usr/bin/env bash
# Set up everything that is missing (including Debian's chromium) and run every check and test.
#   scripts/test.sh           everything, as CI runs it
#   scripts/test.sh --fast    the daily loop: no browser, server or fuzzing tests, spread over every
#                             core by pytest-xdist (about a minute)
# Further arguments go to pytest (e.g. scripts/test.sh --fast tests/mapping -x).
set -euo pipefail
cd "$(dirname "$0")/.."
marks=()
if [ "${1:-}" = "--fast" ]; then
  shift
  marks=(-m "not e2e and not server and not fuzz" -n auto)
fi
scripts/setup.sh --browser
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports --no-cache
.venv/bin/python manage.py makemigrations --check --dry-run
.venv/bin/python manage.py spectacular --validate --fail-on-warn > /dev/null
exec .venv/bin/pytest "${marks[@]}" "$@"
