#!/usr/bin/env bash
# Set up everything that is missing, load Bærum with demo proposals, and serve on 127.0.0.1:$PORT
# as production runs it: gunicorn, DEBUG off, whitenoise, JSON logs. Plain HTTP on loopback only
# differs: no HTTPS redirect, cookies without the Secure flag, e-mails written to sent-emails/.
#   scripts/serve.sh --dev   Django's development server with DEBUG on and reloading instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
manage() { .venv/bin/python manage.py "$@"; }
manage import_areas fixtures/baerum/areas.json
manage load_campaign fixtures/baerum/campaign.json
manage load_demo fixtures/baerum/demo.json --campaign baerum-2040 --count 200
# A planner account for trying the workspace locally (the server listens on 127.0.0.1 only).
manage create_planner planlegger --password planlegger --place baerum
echo "Fremtidskart: http://127.0.0.1:${PORT:-8000}/"
echo "  planners: http://127.0.0.1:${PORT:-8000}/planlegger/ (user planlegger, password planlegger)"
echo "  API docs: http://127.0.0.1:${PORT:-8000}/api/docs/, admin: /admin/ (manage.py createsuperuser)"
# The job worker (reports, exports, e-mails, the nightly retention) runs beside the web server
# and stops with it.
worker() { .venv/bin/python manage.py procrastinate worker & WORKER=$!; trap 'kill $WORKER' EXIT; }
if [ "${1:-}" = "--dev" ]; then
  worker
  .venv/bin/python manage.py runserver "127.0.0.1:${PORT:-8000}"
  exit
fi
export DJANGO_DEBUG=0 DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0
# django-environ drops the first "/" of the URL's path: "filemail:///" + an absolute path keeps
# the path absolute (one slash fewer wrote the e-mails to a relative folder inside the checkout).
export EMAIL_URL="${EMAIL_URL:-filemail:///${PWD}/sent-emails}"
# The link in each e-mail points to the port this server listens on.
export FREMTIDSKART_SITE_URL="${FREMTIDSKART_SITE_URL:-http://127.0.0.1:${PORT:-8000}}"
echo "  e-mails to authors: ${PWD}/sent-emails/"
manage collectstatic --no-input -v 0
worker
.venv/bin/gunicorn -c config/gunicorn.py config.wsgi --bind "127.0.0.1:${PORT:-8000}" --workers 3
