#!/usr/bin/env bash
# Runs every Maabar test on a fresh Debian machine: installs what is missing (Chromium for the browser
# tests, PostgreSQL for the second storage provider), starts a throwaway PostgreSQL cluster on a
# private port, runs `dotnet test` on the whole solution with a TRX logger, stops the cluster, and
# prints one closing line "N passed, N failed" counted from the TRX files.
#
# Usage: scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Names]
#
# MAABAR_TEST_FAKETIME: optional comma-separated list of instants (UTC, "YYYY-MM-DD hh:mm:ss"). After the run
# on the machine's clock, the suite runs once more per instant, the clock of the code under test starting
# at that instant (MAABAR_TEST_NOW, see tests/Maabar.Testing/TestClock.cs). Tests must hold on any day: the
# closing line counts every run.
#   MAABAR_TEST_FAKETIME="2026-12-31 23:59:00,2027-03-01 00:30:00" scripts/test.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- system packages -------------------------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- throwaway PostgreSQL ------------------------------------------------------------------------------
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
pgport="${MAABAR_TEST_PG_PORT:-55432}"
pgdir="$(mktemp -d /tmp/maabar-pg.XXXXXX)"
pg_user="$(id -un)"
run_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres system user.
  chown postgres:postgres "$pgdir"
  pg_user=postgres
  run_pg() { su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; }
fi
cleanup() {
  run_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap cleanup EXIT
echo "== starting PostgreSQL ($pgbin) on 127.0.0.1:$pgport"
run_pg "$pgbin/initdb" -D "$pgdir/data" -U "$pg_user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
  -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
export MAABAR_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=$pg_user;Database=postgres"
export MAABAR_CHROMIUM="${MAABAR_CHROMIUM:-$(command -v chromium)}"

# --- tests -------------------------------------------------------------------------------------------
results="$root/TestResults"
rm -rf "$results"
# The browser tests' screenshots (Arabic pages at 360 and 1366 px among them) are kept with the results.
export MAABAR_SCREENSHOTS="${MAABAR_SCREENSHOTS:-$results/screenshots}"
status=0
# Build once; every run below tests the same binaries.
dotnet build Maabar.slnx -nologo -v quiet || status=$?
if [ "$status" -eq 0 ]; then
  echo "== tests on the machine's clock ($(date -u '+%Y-%m-%d %H:%M:%S') UTC)"
  dotnet test Maabar.slnx --no-build --logger "trx" --results-directory "$results/now" "$@" || status=$?
  IFS=',' read -r -a instants <<<"${MAABAR_TEST_FAKETIME:-}"
  for instant in "${instants[@]}"; do
    instant="$(echo "$instant" | xargs)"
    [ -n "$instant" ] || continue
    label="$(echo "$instant" | tr -c '0-9\n' '-')"
    echo "== tests on a clock starting at $instant UTC"
    # The test processes get the instant through the run settings' environment; Maabar.Testing's TestClock
    # gives the servers and commands under test a clock that reads it at start and runs on (a long project
    # crosses midnight). Product code reads only TimeProvider, so every date it sees moves; timers stay real.
    # (libfaketime was tried: .NET's timed waits return at once under it and no test server starts.)
    dotnet test Maabar.slnx --no-build --logger "trx" --results-directory "$results/$label" "$@" -- \
      "RunConfiguration.EnvironmentVariables.MAABAR_TEST_NOW=$instant" || status=$?
  done
fi

# --- closing line ------------------------------------------------------------------------------------
passed=0; failed=0
shopt -s nullglob
for trx in "$results"/*/*.trx; do
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The run failed before or outside the tests (build error, crashed host): count it as a failure.
  failed=1
fi
echo "$passed passed, $failed failed"
exit "$status"
