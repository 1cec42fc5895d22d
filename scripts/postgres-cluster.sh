#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests.
#   postgres-cluster.sh start   -> prints `export TSDBT_PG_...=...` lines for the new cluster (eval them)
#   postgres-cluster.sh stop DIR -> stops the cluster in DIR and deletes it
# The cluster lives in a temporary folder (under $TMPDIR, else /tmp: TMPDIR=/dev/shm keeps it in memory), listens on 127.0.0.1 (a free port) and a socket in that folder, and
# accepts the user `postgres` with a password. Postgres refuses to run as root, so root runs it as `postgres`.
set -euo pipefail

bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/postgres" ]; then pg_config --bindir; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/postgres" ]; then echo "$dir"; return; fi
  echo "no PostgreSQL server binaries found (install Debian's postgresql package)" >&2
  exit 3
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

case "${1:-}" in
  start)
    BIN=$(bindir)
    DIR=$(mktemp -d "${TMPDIR:-/tmp}/tsdbt-pg.XXXXXX")
    PASSWORD=tsdbt-test
    echo "$PASSWORD" >"$DIR/pwfile"
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || useradd --system --home-dir "$DIR" postgres
      chown -R postgres "$DIR"
    fi
    as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --pwfile="$DIR/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
    PORT=$(free_port)
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null ||
      { cat "$DIR/server.log" >&2; exit 1; }
    echo "export TSDBT_PG_HOST=127.0.0.1 TSDBT_PG_PORT=$PORT TSDBT_PG_USER=postgres TSDBT_PG_PASSWORD=$PASSWORD TSDBT_PG_CLUSTER=$DIR"
    ;;
  stop)
    DIR=${2:?usage: postgres-cluster.sh stop DIR}
    BIN=$(bindir)
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: postgres-cluster.sh start | stop DIR" >&2
    exit 2
    ;;
esac
