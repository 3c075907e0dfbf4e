#!/usr/bin/env bash
# Collect the translatable strings into locale/{nn,en}/LC_MESSAGES/*.po (then translate the new
# entries; tests/frontend/test_languages.py fails while any is missing or fuzzy).
set -euo pipefail
cd "$(dirname "$0")/.."
ignores=(--ignore=".venv/*" --ignore="node_modules/*" --ignore="test-artifacts/*"
  --ignore="tests/*" --ignore="bench/*" --ignore="staticfiles/*" --ignore="media/*")
.venv/bin/python manage.py makemessages -l nn -l en --no-location "${ignores[@]}"
.venv/bin/python manage.py makemessages -d djangojs -l nn -l en --no-location "${ignores[@]}" \
  --ignore="frontend/static/vendor/*"
