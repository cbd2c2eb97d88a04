#!/usr/bin/env bash
# Tests scripts/backup.sh on real Maabar databases, SQLite and PostgreSQL: a Development node seeds its demo
# data; it is backed up while it runs, stopped, and its database restored into a new one; every table of the
# restored database must hold exactly what the original holds (row count and a digest of the rows), and a node
# started on the restored database must become ready and sign the demo officer in.
# Bounded: about two minutes after the build. Usage: scripts/backup-test.sh  (MAABAR_TEST_PG_PORT, default 55433)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/maabar-backup-test.XXXXXX)"
port=55471
pgport="${MAABAR_TEST_PG_PORT:-55433}"
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
pg_user="$(id -un)"
run_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$work"
  chmod 777 "$work"
  pg_user=postgres
  run_pg() { su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; }
fi
node_pid=""
stop_node() {
  if [ -n "$node_pid" ]; then
    kill -TERM -- "-$node_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.5; done
    node_pid=""
  fi
}
cleanup() {
  stop_node
  run_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
failures=0
quiet() { "$@" >/dev/null; }
check() { # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
}

start_node() { # start_node PROVIDER CONNECTION DATA_DIR
  mkdir -p "$3"
  cd "$root/src/Maabar.Server"
  setsid env ASPNETCORE_ENVIRONMENT=Development Storage__Provider="$1" Storage__ConnectionString="$2" \
    Storage__DataDirectory="$3" Demo__Travellers=40 Logging__LogLevel__Default=Warning \
    dotnet run --project "$root/src/Maabar.Server" --no-build --no-launch-profile --urls "http://127.0.0.1:$port" \
    >"$3.log" 2>&1 </dev/null &
  node_pid=$!
  cd "$root"
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "the node did not become ready; see $3.log" >&2
  return 1
}

signs_in() {
  curl -fs "http://127.0.0.1:$port/api/v1/auth/token" -H 'content-type: application/json' \
    -d '{"username":"tun.officer","password":"Maabar-demo-2026"}' | grep -q '"accessToken"'
}

sqlite_digest() { # one line per table: name, rows, md5 of the rows in a fixed order
  local db="$1" table
  for table in $(sqlite3 "$db" "select name from sqlite_master where type = 'table' order by name"); do
    printf '%s %s %s\n' "$table" "$(sqlite3 "$db" "select count(*) from \"$table\"")" \
      "$(sqlite3 "$db" "select * from \"$table\" order by 1, 2" 2>/dev/null | sort | md5sum | cut -c1-32)"
  done
}

pg_digest() {
  local db="$1" table
  for table in $(psql -h 127.0.0.1 -p "$pgport" -U "$pg_user" -d "$db" -Atc "select tablename from pg_tables where schemaname = 'public' order by tablename"); do
    printf '%s %s\n' "$table" "$(psql -h 127.0.0.1 -p "$pgport" -U "$pg_user" -d "$db" -Atc \
      "select count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '-') from \"$table\" t")"
  done
}

echo "== building the server"
(cd "$root" && dotnet build src/Maabar.Server -v q -nologo >/dev/null)

echo "== SQLite"
start_node Sqlite "Data Source=$work/sqlite/maabar.db" "$work/sqlite"
check "backup while the node runs" quiet "$root/scripts/backup.sh" backup sqlite "$work/sqlite/maabar.db" "$work/sqlite.backup"
stop_node
# The node kept writing after the online backup (dispatcher, jobs): the table-by-table comparison is made on a
# backup of the stopped node, whose database no longer changes.
"$root/scripts/backup.sh" backup sqlite "$work/sqlite/maabar.db" "$work/sqlite-stopped.backup" >/dev/null
check "the backup file is readable by its owner only" test "$(stat -c %a "$work/sqlite.backup")" = 600
check "restore refuses an existing database" bash -c "! '$root/scripts/backup.sh' restore sqlite '$work/sqlite.backup' '$work/sqlite/maabar.db' 2>/dev/null"
check "restore into a new file" quiet "$root/scripts/backup.sh" restore sqlite "$work/sqlite-stopped.backup" "$work/restored/maabar.db"
sqlite_digest "$work/sqlite/maabar.db" >"$work/sqlite.original"
sqlite_digest "$work/restored/maabar.db" >"$work/sqlite.restored"
check "every table restored ($(wc -l <"$work/sqlite.original") tables, $(awk '{s += $2} END {print s}' "$work/sqlite.original") rows)" cmp -s "$work/sqlite.original" "$work/sqlite.restored"
check "the online backup has the demo passages" test "$(sqlite3 "$work/sqlite.backup" 'select count(*) from Passages')" -gt 0
start_node Sqlite "Data Source=$work/restored/maabar.db" "$work/restored"
check "a node on the restored database is ready and signs in" signs_in
stop_node

echo "== PostgreSQL on 127.0.0.1:$pgport"
run_pg "$pgbin/initdb" -D "$work/pg" -U "$pg_user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $pgport -k $work -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
psql -h 127.0.0.1 -p "$pgport" -U "$pg_user" -d postgres -qc "create database maabar" -c "create database restored"
pg="postgresql://$pg_user@127.0.0.1:$pgport"
start_node Postgres "Host=127.0.0.1;Port=$pgport;Username=$pg_user;Database=maabar" "$work/pgnode"
stop_node
check "backup" quiet "$root/scripts/backup.sh" backup postgres "$pg/maabar" "$work/pg.backup"
check "the backup file is readable by its owner only" test "$(stat -c %a "$work/pg.backup")" = 600
check "restore into an empty database" quiet "$root/scripts/backup.sh" restore postgres "$work/pg.backup" "$pg/restored"
check "restore refuses a database that is not empty" bash -c "! '$root/scripts/backup.sh' restore postgres '$work/pg.backup' '$pg/restored' 2>/dev/null"
pg_digest maabar >"$work/pg.original"
pg_digest restored >"$work/pg.restored"
check "every table restored ($(wc -l <"$work/pg.original") tables, $(awk '{s += $2} END {print s}' "$work/pg.original") rows)" cmp -s "$work/pg.original" "$work/pg.restored"
start_node Postgres "Host=127.0.0.1;Port=$pgport;Username=$pg_user;Database=restored" "$work/pgrestored"
check "a node on the restored database is ready and signs in" signs_in
stop_node

echo "== $failures failed"
[ "$failures" -eq 0 ]
