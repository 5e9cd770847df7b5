#!/bin/sh
# The streaming replica of docker-compose's profile "scale": on first start, a base backup of the
# primary (db) with -R, which writes standby.signal and primary_conninfo; then Postgres in standby.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_basebackup -h db -U "$POSTGRES_USER" -D "$PGDATA" -R -X stream --checkpoint=fast; do
    echo "replica: waiting for the primary to accept a base backup"
    rm -rf "${PGDATA:?}"/*
    sleep 2
  done
  chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on
