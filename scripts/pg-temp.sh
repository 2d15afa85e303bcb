#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 from this machine's binaries (as a system user: it refuses
# to run as root) on 127.0.0.1 and a free port, runs the given command with PG_URL set to it,
# and stops and removes the server whatever happens. Used by .ci/run and the benchmarks.
#   scripts/pg-temp.sh <command> [args...]
set -euo pipefail
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_USER=${PG_USER:-postgres}
[ -x "$PG_BIN/postgres" ] || { echo "PostgreSQL 15 binaries not found in $PG_BIN" >&2; exit 1; }

pg_root=$(mktemp -d /tmp/chibo-pg.XXXXXX)
cleanup() {
  if [ -f "$pg_root/data/postmaster.pid" ]; then
    runuser -u "$PG_USER" -- "$PG_BIN/pg_ctl" -D "$pg_root/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pg_root"
}
trap cleanup EXIT

if ! id -u "$PG_USER" >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
fi
mkdir -p "$pg_root/data" "$pg_root/socket"
chown -R "$PG_USER" "$pg_root"
chmod 700 "$pg_root/data"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
runuser -u "$PG_USER" -- "$PG_BIN/initdb" -D "$pg_root/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u "$PG_USER" -- "$PG_BIN/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_root/socket -c max_connections=200 ${PG_EXTRA_OPTS:-}" start >/dev/null
echo "PostgreSQL 15 on 127.0.0.1:$port" >&2
PG_URL="postgres://postgres@127.0.0.1:$port/postgres" "$@"
