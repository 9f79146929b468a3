#!/bin/sh
# Runs once when the primary's data folder is first made (docker-entrypoint-initdb.d): a role the
# replica streams with, and a pg_hba line that lets it in. Profile `scale` (docker-compose.yml).
set -e
# Without a replication password (no profile `scale`) there is no replication role.
if [ -n "${POSTGRES_REPLICATION_PASSWORD:-}" ]; then
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v pw="$POSTGRES_REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'pw';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
fi
