#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests: `source .ci/postgres.sh start` initialises a
# temporary data directory, listens on 127.0.0.1 at a free port and exports STUDENKA_TEST_POSTGRES;
# `.ci/postgres.sh stop <dir>` (or postgres_stop after sourcing) stops it and removes the directory.
# Installs Debian's postgresql when missing. Runs the server as the postgres user when root.

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

postgres_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}

postgres_start() {
  local bin
  bin=$(postgres_bin)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "PostgreSQL not found; installing Debian's postgresql for the tests..."
    local sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq postgresql >/dev/null || { echo "error: could not install postgresql"; return 1; }
    bin=$(postgres_bin)
  fi
  STUDENKA_POSTGRES_DIR=$(mktemp -d /tmp/studenka-pg.XXXXXX)
  chmod 755 "$STUDENKA_POSTGRES_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$STUDENKA_POSTGRES_DIR"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  postgres_as_owner "'$bin/initdb' -D '$STUDENKA_POSTGRES_DIR/data' -A trust -U postgres >'$STUDENKA_POSTGRES_DIR/initdb.log' 2>&1" || { cat "$STUDENKA_POSTGRES_DIR/initdb.log"; return 1; }
  # Tests create a database each: fsync off and more connections keep that cheap and safe (data is thrown away).
  postgres_as_owner "'$bin/pg_ctl' -D '$STUDENKA_POSTGRES_DIR/data' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k '$STUDENKA_POSTGRES_DIR' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" -l '$STUDENKA_POSTGRES_DIR/server.log' start >/dev/null" || { cat "$STUDENKA_POSTGRES_DIR/server.log"; return 1; }
  export STUDENKA_POSTGRES_DIR
  export STUDENKA_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL for the tests: $STUDENKA_TEST_POSTGRES"
}

postgres_stop() {
  local dir=${1:-${STUDENKA_POSTGRES_DIR:-}}
  [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
  postgres_as_owner "'$(postgres_bin)/pg_ctl' -D '$dir/data' -m immediate stop >/dev/null 2>&1" || true
  rm -rf "$dir"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-}" in
    start) postgres_start && echo "export STUDENKA_TEST_POSTGRES='$STUDENKA_TEST_POSTGRES' STUDENKA_POSTGRES_DIR='$STUDENKA_POSTGRES_DIR'" ;;
    stop) postgres_stop "${2:-}" ;;
    *) echo "usage: $0 start|stop <dir>"; exit 2 ;;
  esac
fi
