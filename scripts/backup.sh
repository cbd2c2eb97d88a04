#!/usr/bin/env bash
# Backs up and restores a Maabar node's database (issue 25 point 6).
#
#   scripts/backup.sh backup  sqlite   DATABASE_FILE BACKUP_FILE    # online: the node may keep running
#   scripts/backup.sh restore sqlite   BACKUP_FILE DATABASE_FILE    # the node stopped; DATABASE_FILE must not exist
#   scripts/backup.sh backup  postgres CONNECTION BACKUP_FILE       # CONNECTION: a libpq URI or "host=… dbname=…"
#   scripts/backup.sh restore postgres BACKUP_FILE CONNECTION       # into an empty database, as the schema owner
#
# SQLite: SQLite's online backup API (sqlite3 .backup), a consistent copy even while the node writes (WAL);
# the copy must pass PRAGMA integrity_check before it replaces BACKUP_FILE. PostgreSQL: pg_dump's custom
# format (consistent snapshot, the node may keep running), checked by listing it; restored in one transaction
# by pg_restore, which stops at the first error. The roles the dump grants to (the node's login role) must
# exist in the target cluster first (see README, "Running a node safely").
# Backups hold personal data: they are written 0600; keep them encrypted and off the node.
# Not in the database, and to be kept apart: the data-protection certificate, the federation key files,
# and appsettings / environment. Tested by scripts/backup-test.sh.
set -euo pipefail

usage() { sed -n '2,8p' "$0" >&2; exit 2; }
[ $# -eq 4 ] || usage
action="$1"; provider="$2"; from="$3"; to="$4"
umask 077

case "$action/$provider" in
  backup/sqlite)
    [ -f "$from" ] || { echo "no database file: $from" >&2; exit 1; }
    tmp="$to.partial.$$"
    trap 'rm -f "$tmp"' EXIT
    sqlite3 "$from" ".timeout 30000" ".backup '$tmp'"
    check="$(sqlite3 "$tmp" "PRAGMA integrity_check;")"
    [ "$check" = "ok" ] || { echo "the copy fails its integrity check: $check" >&2; exit 1; }
    mv -f "$tmp" "$to"
    trap - EXIT
    echo "backed up $from to $to ($(stat -c %s "$to") bytes, integrity ok)"
    ;;
  restore/sqlite)
    [ -f "$from" ] || { echo "no backup file: $from" >&2; exit 1; }
    for f in "$to" "$to-wal" "$to-shm"; do
      [ ! -e "$f" ] || { echo "$f exists: stop the node and move the old database away first" >&2; exit 1; }
    done
    check="$(sqlite3 "$from" "PRAGMA integrity_check;")"
    [ "$check" = "ok" ] || { echo "the backup fails its integrity check: $check" >&2; exit 1; }
    mkdir -p "$(dirname "$to")"
    cp "$from" "$to.partial.$$"
    chmod 600 "$to.partial.$$"
    mv "$to.partial.$$" "$to"
    echo "restored $from to $to"
    ;;
  backup/postgres)
    tmp="$to.partial.$$"
    trap 'rm -f "$tmp"' EXIT
    pg_dump --format=custom --file="$tmp" --dbname="$from"
    pg_restore --list "$tmp" >/dev/null
    mv -f "$tmp" "$to"
    trap - EXIT
    echo "backed up to $to ($(stat -c %s "$to") bytes)"
    ;;
  restore/postgres)
    [ -f "$from" ] || { echo "no backup file: $from" >&2; exit 1; }
    tables="$(psql --dbname="$to" --no-psqlrc --tuples-only --no-align \
      -c "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')")"
    [ "$tables" = "0" ] || { echo "the target database is not empty ($tables tables): restore into a new database" >&2; exit 1; }
    pg_restore --exit-on-error --single-transaction --no-owner --dbname="$to" "$from"
    echo "restored $from"
    ;;
  *) usage ;;
esac
