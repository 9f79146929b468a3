#!/bin/sh
# The streaming replica of profile `scale`: on first start, a base backup of the primary with -R
# (standby.signal + primary_conninfo); then PostgreSQL as a hot standby, read-only.
set -e
[ -n "${POSTGRES_REPLICATION_PASSWORD:-}" ] || { echo 'set POSTGRES_REPLICATION_PASSWORD (profile scale)' >&2; exit 1; }
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until PGPASSWORD="$POSTGRES_REPLICATION_PASSWORD" pg_basebackup -h postgis -U replicator -D "$PGDATA" -R -X stream; do
    echo "waiting for the primary…"; sleep 2
  done
  chmod 700 "$PGDATA"
fi
exec postgres
