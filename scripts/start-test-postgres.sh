#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1:${PGPORT:-5433} for the store and web tests, and
# prints the URL to put in NETRA_TEST_DATABASE_URL. Needs Debian's postgresql package and root.
set -euo pipefail
PORT="${PGPORT:-5433}"
DATA="${PGDATA_DIR:-/tmp/netra-pgdata}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$PGBIN" ]; then
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
if [ -f "$DATA/postmaster.pid" ]; then
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
fi
rm -rf "$DATA"
install -d -o postgres -g postgres "$DATA"
runuser -u postgres -- "$PGBIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/log" -w \
  -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "create database netra_test" >/dev/null
echo "postgres://postgres@127.0.0.1:$PORT/netra_test"
