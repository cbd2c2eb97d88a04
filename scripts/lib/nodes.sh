# Shared by scripts/two-nodes.sh and scripts/federation-bench.sh: start and stop Maabar nodes wired as partners.
# Each node: its own data folder (SQLite file, keys, logs) under $work, its own port, Development demo data.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
password="Maabar-demo-2026"

build_nodes() {
  (cd "$root" && dotnet build src/Maabar.Server -v q -nologo >/dev/null && dotnet build src/Maabar.Cli -v q -nologo >/dev/null)
}

ensure_keys() { # ensure_keys AGENCY
  local lower; lower="$(tr 'A-Z' 'a-z' <<<"$1")"
  if [ ! -f "$work/keys/$lower.private.pem" ]; then
    (cd "$root" && dotnet run --project src/Maabar.Cli --no-build -- keys generate --agency "$1" --out "$work/keys" >/dev/null)
  fi
}

start_node() { # start_node AGENCY PORT PARTNER PARTNER_PORT
  local agency="$1" port="$2" partner="$3" partner_port="$4"
  local lower; lower="$(tr 'A-Z' 'a-z' <<<"$agency")"
  local partner_lower; partner_lower="$(tr 'A-Z' 'a-z' <<<"$partner")"
  mkdir -p "$work/$lower"
  # Detached from this script's output (setsid, no inherited descriptors), so callers' pipes close.
  setsid env \
    ASPNETCORE_ENVIRONMENT=Development \
    Node__Agency="$agency" \
    Storage__DataDirectory="$work/$lower" \
    Federation__PrivateKeyFile="$work/keys/$lower.private.pem" \
    Federation__Partners__0__Agency="$partner" \
    Federation__Partners__0__BaseUrl="http://127.0.0.1:$partner_port" \
    Federation__Partners__0__PublicKeyFile="$work/keys/$partner_lower.public.pem" \
    Federation__DispatchInterval="00:00:00.200" \
    Federation__RetryMaxDelay="00:00:05" \
    Logging__LogLevel__Default=Warning \
    dotnet run --project "$root/src/Maabar.Server" --no-build --no-launch-profile --urls "http://127.0.0.1:$port" \
    >"$work/$lower.log" 2>&1 </dev/null &
  echo $! >"$work/$lower.pid"
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "node $agency did not start; see $work/$lower.log" >&2
  return 1
}

stop_node() { # stop_node AGENCY
  local lower; lower="$(tr 'A-Z' 'a-z' <<<"$1")"
  if [ -f "$work/$lower.pid" ]; then
    # setsid made the node its own process group: stop dotnet run and the server together.
    kill -TERM -- "-$(cat "$work/$lower.pid")" 2>/dev/null || true
    rm -f "$work/$lower.pid"
    sleep 2
  fi
}

token() { # token PORT USER
  curl -fs "http://127.0.0.1:$1/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"$password\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/'
}
