#!/usr/bin/env bash
# Measures the link between two nodes on this machine: the partner (LBY) is down while TUN queues N shared
# entries through its API (one message each, written with the entry); LBY is started and the time until
# TUN's backlog is empty is the drain time. Usage: scripts/federation-bench.sh [N]   (default 10000)
set -euo pipefail
source "$(dirname "$0")/lib/nodes.sh"
count="${1:-10000}"
work="$(mktemp -d /tmp/maabar-bench.XXXXXX)"
trap 'stop_node TUN; stop_node LBY; rm -rf "$work"' EXIT

build_nodes
ensure_keys TUN
ensure_keys LBY
start_node TUN 5090 LBY 5091
tun_sup="$(token 5090 tun.supervisor)"
echo "queueing $count shared entries at TUN (LBY down)..."
started=$(date +%s.%N)
for i in $(seq 1 "$count"); do
  printf '{"category":"discreetCheck","reference":"TN-BENCH-%06d","fullNameLatin":"Bench Person%d Qx%d","birthDates":["1970"],"shareWith":["LBY"]}' "$i" "$i" "$i"
  printf '\n'
done | xargs -d '\n' -P 2 -I{} curl -s -o /dev/null --fail-with-body --retry 3 "http://127.0.0.1:5090/api/v1/watchlist/entries" -H "Authorization: Bearer $tun_sup" -H 'content-type: application/json' -d '{}'
queued=$(date +%s.%N)
tun_liaison="$(token 5090 tun.liaison)"
backlog() { curl -fs "http://127.0.0.1:5090/api/v1/federation/partners" -H "Authorization: Bearer $tun_liaison" | sed 's/.*"backlog":\([0-9]*\).*/\1/'; }
echo "queued in $(echo "$queued - $started" | bc) s; backlog $(backlog)"
start_node LBY 5091 TUN 5090
up=$(date +%s.%N)
while [ "$(backlog)" != "0" ]; do sleep 0.2; done
done_at=$(date +%s.%N)
drain=$(echo "$done_at - $up" | bc)
echo "drained $count messages in $drain s after LBY answered /health: $(echo "scale=1; $count / $drain" | bc) messages/s end to end"
