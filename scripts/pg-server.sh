#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests: its own data folder and port, on loopback only.
#   scripts/pg-server.sh start   → prints the superuser URL (also written to $DIR/url)
#   scripts/pg-server.sh stop
# DAFU_PG_DIR (default /tmp/dafu-pg) and DAFU_PG_PORT (default 54329) choose where.
set -euo pipefail
DIR=${DAFU_PG_DIR:-/tmp/dafu-pg}
PORT=${DAFU_PG_PORT:-54329}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$BIN" ]; then
    echo "pg-server: PostgreSQL is not installed (apt-get install postgresql)" >&2
    exit 1
fi
# initdb and postgres refuse to run as root: run them as the postgres account the package creates.
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
        mkdir -p "$DIR"
        [ "$(id -u)" -eq 0 ] && chown postgres "$DIR"
        as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -A trust --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
        # Superuser without a password over loopback (tests only); every other role with its password.
        cat >"$DIR/data/pg_hba.conf" <<HBA
local   all   all                     trust
host    all   postgres   127.0.0.1/32 trust
host    all   all        127.0.0.1/32 scram-sha-256
HBA
    fi
    if ! as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
        as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
            -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null
    fi
    url="postgresql://postgres@127.0.0.1:$PORT/postgres"
    echo "$url" >"$DIR/url"
    echo "$url"
    ;;
stop)
    if [ -f "$DIR/data/PG_VERSION" ]; then
        as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
restart-fast)  # for tests of a server going away and coming back
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
        -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null
    ;;
*)
    echo "usage: $0 start|stop|restart-fast" >&2
    exit 2
    ;;
esac
