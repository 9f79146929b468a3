#!/usr/bin/env bash
# A streaming replica of the local PostgreSQL 15 "main" cluster on port 5433 (issue 15), for
# .ci/run's read-replica block: `replica.sh start` makes cluster 15/replica from a base backup of
# the primary and makes commits wait until the replica has applied them (remote_apply), so a test
# reading its own writes through the replica sees them; `replica.sh stop` undoes that first, then
# stops the replica (a primary left waiting for a stopped standby would hang every commit).
set -Eeuo pipefail
ADMIN() { su postgres -c "psql -p 5432 -tAq -v ON_ERROR_STOP=1 -c \"$1\""; }
DATA=/var/lib/postgresql/15/replica
HBA=/etc/postgresql/15/main/pg_hba.conf

case "${1:-}" in
  start)
    grep -q '^host replication baylanys 127.0.0.1/32' "$HBA" ||
      echo 'host replication baylanys 127.0.0.1/32 scram-sha-256' >>"$HBA"
    ADMIN 'SELECT pg_reload_conf()' >/dev/null
    pg_lsclusters -h | awk '{print $1 $2}' | grep -qx '15replica' || pg_createcluster 15 replica -p 5433 >/dev/null
    pg_ctlcluster --skip-systemctl-redirect 15 replica stop 2>/dev/null || true
    rm -rf "${DATA:?}"/*
    # A replication slot keeps the WAL the replica still needs (other test runs churn WAL fast
    # enough to recycle a segment between the base backup and the replica's start).
    ADMIN "SELECT pg_drop_replication_slot('baylanys_replica') FROM pg_replication_slots WHERE slot_name = 'baylanys_replica'" >/dev/null
    su postgres -c "PGPASSWORD=baylanys pg_basebackup -h 127.0.0.1 -p 5432 -U baylanys -D $DATA -R -X stream -c fast -C -S baylanys_replica"
    # -R wrote standby.signal; name the standby so the primary can wait for it.
    echo "primary_conninfo = 'host=127.0.0.1 port=5432 user=baylanys password=baylanys application_name=replica'" >>"$DATA/postgresql.auto.conf"
    pg_ctlcluster --skip-systemctl-redirect 15 replica start
    for _ in $(seq 1 60); do
      [ "$(ADMIN "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'replica' AND state = 'streaming'")" = 1 ] && break
      sleep 1
    done
    [ "$(ADMIN "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'replica' AND state = 'streaming'")" = 1 ]
    ADMIN "ALTER SYSTEM SET synchronous_standby_names = 'replica'"
    ADMIN "ALTER SYSTEM SET synchronous_commit = 'remote_apply'"
    ADMIN 'SELECT pg_reload_conf()' >/dev/null
    su postgres -c "psql -p 5433 -tAq -c 'SELECT pg_is_in_recovery()'" | grep -qx t
    echo "replica streaming on 127.0.0.1:5433"
    ;;
  stop)
    ADMIN 'ALTER SYSTEM RESET synchronous_standby_names' || true
    ADMIN 'ALTER SYSTEM RESET synchronous_commit' || true
    ADMIN 'SELECT pg_reload_conf()' >/dev/null || true
    pg_ctlcluster --skip-systemctl-redirect 15 replica stop 2>/dev/null || true
    # A slot nobody reads would keep WAL on the primary for ever.
    ADMIN "SELECT pg_drop_replication_slot('baylanys_replica') FROM pg_replication_slots WHERE slot_name = 'baylanys_replica'" >/dev/null || true
    echo "replica stopped; the primary no longer waits for it"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
