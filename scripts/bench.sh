#!/usr/bin/env bash
# Benchmark the API against its SQL floor (see bench/run.py). Not part of the tests.
#   scripts/bench.sh                     100,000 and 1,000,000 proposals (about 20 minutes)
#   scripts/bench.sh --sizes 5000 --seconds 2   a quick smoke run
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if ! command -v wrk >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get install -y -qq wrk >/dev/null
fi
if ! command -v pgbench >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get install -y -qq postgresql-contrib >/dev/null
fi
exec .venv/bin/python -m bench.run "$@"
