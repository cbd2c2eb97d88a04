#!/usr/bin/env bash
# Two Maabar nodes on this machine, wired as partners: TUN on http://127.0.0.1:5080, LBY on :5081, each
# with its own SQLite file, key pair and demo data (folder data-two-nodes/, or $MAABAR_TWO_NODES_DIR).
# Then one exchange through the API: TUN shares an entry, LBY's screening hits a namesake, TUN's liaison
# desk receives the hit notification. Stop both with: scripts/two-nodes.sh stop
set -euo pipefail
source "$(dirname "$0")/lib/nodes.sh"
work="${MAABAR_TWO_NODES_DIR:-$root/data-two-nodes}"

if [ "${1:-}" = "stop" ]; then
  stop_node TUN; stop_node LBY; echo "stopped"; exit 0
fi

mkdir -p "$work"
echo "== building"
build_nodes
ensure_keys TUN
ensure_keys LBY
echo "== starting TUN on :5080 and LBY on :5081 (logs in $work)"
start_node TUN 5080 LBY 5081
start_node LBY 5081 TUN 5080

echo "== TUN shares an entry with LBY"
tun_sup="$(token 5080 tun.supervisor)"
suffix="$(date +%s)"
curl -fs "http://127.0.0.1:5080/api/v1/watchlist/entries" -H "Authorization: Bearer $tun_sup" -H 'content-type: application/json' \
  -d "{\"category\":\"refuseEntry\",\"reference\":\"TN-DEMO-$suffix\",\"fullNameLatin\":\"Miloud Ghadamsi\",\"fullNameArabic\":\"\u0645\u064a\u0644\u0648\u062f \u0627\u0644\u063a\u062f\u0627\u0645\u0633\u064a\",\"sex\":\"M\",\"birthDates\":[\"1985\"],\"shareWith\":[\"LBY\"]}" >/dev/null
sleep 2

echo "== LBY records a passage of a namesake"
lby_off="$(token 5081 lby.officer)"
curl -fs "http://127.0.0.1:5081/api/v1/passages" -H "Authorization: Bearer $lby_off" -H 'content-type: application/json' \
  -d "{\"crossingId\":\"TN-LY-RASJEDIR\",\"lane\":\"CAR-IN-1\",\"direction\":\"entry\",\"identity\":{\"fullNameLatin\":\"Miloud Ghadamsi\",\"birthDate\":\"1985-03-04\",\"sex\":\"M\",\"nationality\":\"LBY\",\"documentType\":\"P\",\"documentNumber\":\"LY$suffix\",\"documentIssuingState\":\"LBY\"}}" \
  | sed 's/.*"decision":"\([a-z]*\)".*/   decision at LBY: \1/'; echo
sleep 2

echo "== TUN's liaison desk"
tun_liaison="$(token 5080 tun.liaison)"
curl -fs "http://127.0.0.1:5080/api/v1/federation/messages?awaitingReply=true" -H "Authorization: Bearer $tun_liaison" \
  | grep -o '"type":"[a-z-]*"' | sort | uniq -c | sed 's/^/   /'
cat <<MSG

Both nodes are running. Sign in (password $password):
  TUN  http://127.0.0.1:5080  as tun.liaison  -> Liaison desk: the hit notification, due in 12 hours; reply to it
  LBY  http://127.0.0.1:5081  as lby.officer  -> Hits: decide the namesake negative; the clearance is sent to TUN
Stop with: scripts/two-nodes.sh stop
MSG
