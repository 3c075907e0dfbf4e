#!/usr/bin/env bash
# The container image's own build and start steps. The Dockerfile runs them; tests/server/
# test_image.py runs the same steps outside Docker, in a temporary tree, as a non-root user.
#   scripts/image.sh build   the pinned dependencies, compiled translations (nynorsk, English),
#                            hashed static files, and the photo folder (media/) for the app user
#   scripts/image.sh start   gunicorn on ${BIND:-0.0.0.0:8000} with ${WORKERS:-3} workers
#   scripts/image.sh worker  the job worker (reports, exports, e-mails) and scheduler
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python}
case "${1:-}" in
  build)
    "$python" -m pip install --no-cache-dir -q .
    # The *.mo files are not in git: without this step the image serves bokmål only.
    DJANGO_SECRET_KEY=build-only "$python" manage.py compilemessages --ignore=.venv -v 0
    DJANGO_SECRET_KEY=build-only "$python" manage.py collectstatic --no-input -v 0
    mkdir -p media
    ;;
  start)
    exec "${GUNICORN:-gunicorn}" -c config/gunicorn.py config.wsgi --bind "${BIND:-0.0.0.0:8000}" \
      --workers "${WORKERS:-3}"
    ;;
  worker)
    exec "$python" manage.py procrastinate worker
    ;;
  *)
    echo "usage: scripts/image.sh build|start|worker" >&2
    exit 2
    ;;
esac
