# Fremtidskart web image: Django + GeoDjango on gunicorn, static files served by whitenoise.
FROM python:3.11-slim-bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends gdal-bin libgdal32 postgresql-client gettext \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY . .

# Dependencies, translations, static files and the photo folder: scripts/image.sh, checked
# outside Docker by tests/trust/test_image.py. media/ is the app user's, and so the named volume
# docker-compose mounts there (Docker copies the folder's owner into a new volume).
RUN useradd --system --home /app fremtidskart \
    && scripts/image.sh build \
    && chown fremtidskart media
USER fremtidskart
EXPOSE 8000
# gunicorn's settings are config/gunicorn.py. No access log: the app writes one JSON line per
# request without personal data (config/request_log.py); gunicorn's would carry client addresses
# and query strings.
CMD ["scripts/image.sh", "start"]
