#!/usr/bin/env bash
# Back up the database (pg_dump, custom format) and uploaded photos into one folder.
#   scripts/backup.sh [FOLDER]        default: backups/<date-time>/
# Reads DATABASE_URL and DJANGO_MEDIA_ROOT from the environment or .env, like the app.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "${DJANGO_ENV_FILE:-.env}" ] && { set -a; . "${DJANGO_ENV_FILE:-.env}"; set +a; }
database_url="postgresql://${DATABASE_URL#*://}"
target=${1:-backups/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$target"
pg_dump --format=custom --no-owner --file="$target/database.dump" "$database_url"
media=${DJANGO_MEDIA_ROOT:-media}
if [ -d "$media" ]; then
  tar -czf "$target/media.tar.gz" -C "$media" .
fi
echo "Backup written to $target"
