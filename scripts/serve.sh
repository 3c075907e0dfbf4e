#!/usr/bin/env bash
# Set up everything that is missing, load Bærum with demo proposals, and serve on 127.0.0.1:$PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
manage() { .venv/bin/python manage.py "$@"; }
manage import_areas fixtures/baerum/areas.json
manage load_campaign fixtures/baerum/campaign.json
manage load_demo fixtures/baerum/demo.json --campaign baerum-2040 --count 200
# A planner account for trying the workspace locally (the server listens on 127.0.0.1 only).
manage create_planner planlegger --password planlegger
echo "Fremtidskart: http://127.0.0.1:${PORT:-8000}/"
echo "  planners: http://127.0.0.1:${PORT:-8000}/planlegger/ (user planlegger, password planlegger)"
echo "  API docs: http://127.0.0.1:${PORT:-8000}/api/docs/, admin: /admin/ (manage.py createsuperuser)"
exec .venv/bin/python manage.py runserver "127.0.0.1:${PORT:-8000}"
