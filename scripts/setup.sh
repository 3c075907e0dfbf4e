#!/usr/bin/env bash
# Install whatever is missing on a Debian/Ubuntu machine, then prepare the virtualenv and database.
#   scripts/setup.sh            system packages, .venv, .env, database with PostGIS, migrations
#   scripts/setup.sh --browser  for the tests: also Debian's chromium and a running Redis
#                               (rate limits are tested with Redis as well as without)
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# ---- System packages -------------------------------------------------------
packages=()
command -v psql >/dev/null 2>&1 || packages+=(postgresql postgresql-contrib)
python3 -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv)
command -v gdalinfo >/dev/null 2>&1 || packages+=(gdal-bin)
command -v msgfmt >/dev/null 2>&1 || packages+=(gettext)
[ "$want_browser" = 1 ] && ! command -v chromium >/dev/null 2>&1 && packages+=(chromium)
# The poster test prints the PDF to an image, as a scanner would.
[ "$want_browser" = 1 ] && ! command -v pdftoppm >/dev/null 2>&1 && packages+=(poppler-utils)
# The README's nginx snippet is tested in front of gunicorn.
[ "$want_browser" = 1 ] && ! command -v nginx >/dev/null 2>&1 && packages+=(nginx-light)
# QGIS itself reads the OGC API in the tests: headless, with Debian's own Python.
[ "$want_browser" = 1 ] && ! /usr/bin/python3 -c 'import qgis.core' 2>/dev/null && packages+=(QGIS)
redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }
[ "$want_browser" = 1 ] && ! redis_up && ! command -v redis-server >/dev/null 2>&1 \
  && packages+=(redis-server)
if ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
  packages+=(POSTGIS)
fi
if [ ${#packages[@]} -gt 0 ]; then
  log "Installing system packages: ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # PostGIS must match the server's major version, known only once PostgreSQL is installed.
  base=()
  for p in "${packages[@]}"; do [ "$p" = POSTGIS ] || [ "$p" = QGIS ] || base+=("$p"); done
  [ ${#base[@]} -gt 0 ] && $SUDO apt-get install -y -qq "${base[@]}" >/dev/null
  if printf '%s\n' "${packages[@]}" | grep -qx QGIS; then
    # The library and its data providers only, not the desktop program.
    $SUDO apt-get install -y -qq --no-install-recommends python3-qgis >/dev/null
  fi
  if printf '%s\n' "${packages[@]}" | grep -qx POSTGIS; then
    pg_major=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
    $SUDO apt-get install -y -qq "postgresql-${pg_major}-postgis-3" >/dev/null
  fi
fi

if [ "$want_browser" = 1 ] && ! redis_up; then
  log "Starting Redis on 127.0.0.1:6379 (nothing kept on disk)"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
fi

# ---- Settings (.env) -------------------------------------------------------
if [ ! -f .env ]; then
  log "Writing .env for local development (DEBUG on, fresh secret key)"
  key=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
  sed "s|^DJANGO_SECRET_KEY=$|DJANGO_SECRET_KEY=${key}|" .env.example > .env
fi
# The environment wins over .env, as in Django's settings (django-environ): a DATABASE_URL given
# on the command line is the database set up here too.
given_database_url=${DATABASE_URL:-}
set -a; . ./.env; set +a
DATABASE_URL=${given_database_url:-${DATABASE_URL:-postgis://postgres@127.0.0.1:5432/fremtidskart}}
server_url="postgresql://${DATABASE_URL#*://}"
server_url="${server_url%/*}/postgres"
db_name="${DATABASE_URL##*/}"

# ---- PostgreSQL --------------------------------------------------------------
if ! pg_isready -q -h 127.0.0.1 -p 5432 && [[ "$DATABASE_URL" == *@127.0.0.1* || "$DATABASE_URL" == *@localhost* ]]; then
  log "Starting PostgreSQL"
  version=$(ls /etc/postgresql | sort -n | tail -n 1)
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
if ! psql "$server_url" -qAtc 'select 1' >/dev/null 2>&1; then
  # A fresh Debian server asks TCP clients for a password: give the postgres role one.
  log "Giving the local postgres role a password for TCP connections"
  $SUDO -u postgres psql -qc "ALTER ROLE postgres PASSWORD 'postgres'" 2>/dev/null \
    || runuser -u postgres -- psql -qc "ALTER ROLE postgres PASSWORD 'postgres'"
  DATABASE_URL="postgis://postgres:postgres@127.0.0.1:5432/${db_name}"
  sed -i "s|^DATABASE_URL=.*|DATABASE_URL=${DATABASE_URL}|" .env
  server_url="postgresql://postgres:postgres@127.0.0.1:5432/postgres"
fi
if [ "$(psql "$server_url" -qAtc "select 1 from pg_database where datname='${db_name}'")" != 1 ]; then
  log "Creating database ${db_name}"
  psql "$server_url" -qc "CREATE DATABASE \"${db_name}\""
fi
psql "${server_url%/*}/${db_name}" -qc 'CREATE EXTENSION IF NOT EXISTS postgis'

# ---- Python --------------------------------------------------------------------
if [ ! -x .venv/bin/python ]; then
  log "Creating the virtualenv"
  python3 -m venv .venv
fi
if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
  log "Installing Python dependencies"
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q ".[dev]"
  touch .venv/.installed
fi

log "Migrating"
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py createcachetable
log "Compiling translations"
.venv/bin/python manage.py compilemessages --ignore=.venv -v 0
