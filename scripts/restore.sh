#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into the database DATABASE_URL names.
#   scripts/restore.sh FOLDER [--replace]
# The database is created if it is missing. An existing database with tables is only
# overwritten with --replace (its tables are dropped first). Photos go back to DJANGO_MEDIA_ROOT.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "${DJANGO_ENV_FILE:-.env}" ] && { set -a; . "${DJANGO_ENV_FILE:-.env}"; set +a; }
source=${1:?usage: scripts/restore.sh FOLDER [--replace]}
replace=${2:-}
database_url="postgresql://${DATABASE_URL#*://}"
server_url="${database_url%/*}/postgres"
db_name="${database_url##*/}"
[ -f "$source/database.dump" ] || { echo "No database.dump in $source" >&2; exit 2; }

if [ "$(psql "$server_url" -qAtc "select 1 from pg_database where datname='${db_name}'")" != 1 ]; then
  psql "$server_url" -qc "CREATE DATABASE \"${db_name}\""
fi
tables=$(psql "$database_url" -qAtc \
  "select count(*) from pg_tables where schemaname = 'public' and tablename <> 'spatial_ref_sys'")
if [ "$tables" != 0 ] && [ "$replace" != "--replace" ]; then
  echo "Database ${db_name} is not empty; add --replace to overwrite it." >&2
  exit 2
fi
pg_restore --clean --if-exists --no-owner --exit-on-error --single-transaction \
  --dbname="$database_url" "$source/database.dump"
if [ -f "$source/media.tar.gz" ]; then
  media=${DJANGO_MEDIA_ROOT:-media}
  mkdir -p "$media"
  tar -xzf "$source/media.tar.gz" -C "$media"
fi
echo "Restored $source into ${db_name}"
