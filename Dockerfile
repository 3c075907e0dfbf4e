# Fremtidskart web image: Django + GeoDjango on gunicorn, static files served by whitenoise.
FROM python:3.11-slim-bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends gdal-bin libgdal32 postgresql-client \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir . \
    && DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input -v 0

RUN useradd --system --home /app fremtidskart
USER fremtidskart
EXPOSE 8000
# No gunicorn access log: the app writes one JSON line per request without personal data
# (config/request_log.py); gunicorn's would carry client addresses and query strings.
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
