#!/usr/bin/env bash
# Load test of the passage path: builds the server and bench/Maabar.Load in Release, starts the server on a
# fresh database (Development demo data: crossings, lanes, users), and runs the load tool at each concurrency
# for a bounded time, printing the machine's load average beside each step.
#
# Usage: bench/load.sh sqlite|postgres [seconds per step, default 12] [concurrency list, default "1 8 32 64"]
#   postgres: a throwaway cluster on MAABAR_LOAD_PG_PORT (default 55460), removed at the end.
#   MAABAR_ROOT: the source tree to build and run (default: this repository), e.g. an older commit unpacked
#   with `git archive` to measure before and after a change. MAABAR_SHARED: the shared data (default ../shared).
#   MAABAR_LOAD_PORT: the server's port (default 5180).
# Bounded: each step stops after its seconds (and 1,000,000 requests); a step that hangs is killed after 60 s more.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="${MAABAR_ROOT:-$(cd "$here/.." && pwd)}"
provider="${1:-sqlite}"
case "$provider" in sqlite|postgres) ;; *) echo "usage: bench/load.sh sqlite|postgres [seconds] [levels]" >&2; exit 2 ;; esac
seconds="${2:-12}"
levels="${3:-1 8 32 64}"
port="${MAABAR_LOAD_PORT:-5180}"
work="$(mktemp -d /tmp/maabar-load.XXXXXX)"
server_pid=""
shared="${MAABAR_SHARED:-$(cd "$root/.." && pwd)/shared}"
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
run_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres system user (as in scripts/test.sh).
  chmod 755 "$work"
  run_pg() { su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; }
fi
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -d "$work/pg" ]; then run_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$root/src/Maabar.Server" -c Release -v q -nologo >/dev/null
dotnet build "$here/Maabar.Load" -c Release -v q -nologo >/dev/null

storage=(Storage__Provider=Sqlite)
if [ "$provider" = postgres ]; then
  pgport="${MAABAR_LOAD_PG_PORT:-55460}"
  mkdir "$work/pg" "$work/pgsock"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$work/pg" "$work/pgsock"
  run_pg "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  run_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w -o "-p $pgport -k $work/pgsock -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  storage=(Storage__Provider=Postgres "Storage__ConnectionString=Host=127.0.0.1;Port=$pgport;Username=postgres;Database=maabar_load;Maximum Pool Size=100")
  run_pg "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U postgres maabar_load
fi

server_dll="$(ls "$root"/src/Maabar.Server/bin/Release/net*/Maabar.Server.dll | head -n 1)"
(cd "$(dirname "$server_dll")" && exec env ASPNETCORE_ENVIRONMENT=Development Storage__DataDirectory="$work/data" "${storage[@]}" \
  Demo__Enabled=true Demo__Password=Maabar-demo-2026 Demo__CrossingsFile="$shared/data/geo/crossings.json" \
  Logging__LogLevel__Default=Warning ASPNETCORE_CONTENTROOT="$root/src/Maabar.Server" \
  dotnet "$server_dll" --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1) &
server_pid=$!
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
  sleep 1
done
curl -fs "http://127.0.0.1:$port/health" >/dev/null || { tail -n 40 "$work/server.log"; exit 1; }

echo "provider=$provider commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown) seconds=$seconds"
status=0
for c in $levels; do
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  line="$(timeout $((seconds + 60)) dotnet "$here/Maabar.Load/bin/Release/net10.0/Maabar.Load.dll" --url "http://127.0.0.1:$port/" \
    --password Maabar-demo-2026 --concurrency "$c" --duration "$seconds" 2>&1)" || status=1
  echo "provider=$provider $line load_before=$load load_after=$(cut -d' ' -f1-3 /proc/loadavg)"
  if [ $status -ne 0 ] && ! grep -q "concurrency=" <<<"$line"; then tail -n 40 "$work/server.log"; break; fi
done
grep -ci "database is locked" "$work/server.log" | sed 's/^/server log lines with "database is locked": /' || true
exit $status
