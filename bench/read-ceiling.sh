#!/usr/bin/env bash
# The daemon's ceiling for a no-op plan (bench/noop-plan.sh): the reads `infra plan` makes of the lab — GET /1.0, the
# collections (members, projects, pools, zones, networks), every instance of every project in one recursion=1 list,
# ACLs, profiles and custom volumes per project (and pool), each pool of PROJECT's spec per member — made by one
# curl process over HTTPS with the lab's client certificate, all at once on one HTTP/2 connection (as the client
# makes them). No JVM, no spec, no planning: what is left is the TLS handshake and the daemon's own time. Prints the
# wall time in seconds.
#
# Usage: bench/read-ceiling.sh LAB_JSON POOL   (POOL: the spec's pool, read per member)
set -uo pipefail
if [ "${1:-}" = "--help" ] || [ $# -ne 2 ]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  [ "${1:-}" = "--help" ]; exit $?
fi
lab_json=$1 pool=$2
url=$(jq -r '.members[0].url' "$lab_json")
tls=(--cert "$(jq -r '.client.certificate' "$lab_json")" --key "$(jq -r '.client.key' "$lab_json")"
  --pinnedpubkey "$(jq -r '.cluster.public_key_pin' "$lab_json")" -k)
get() { curl -sS "${tls[@]}" "$url$1"; }

# what to read is read first, outside the timing (the plan reads these in its first round too)
projects=$(get "/1.0/projects?recursion=1" | jq -r '.metadata[].name')
pools=$(get "/1.0/storage-pools?recursion=1" | jq -r '.metadata[].name')
zones=$(get "/1.0/network-zones?recursion=1" | jq -r '.metadata[]?.name')
members=$(get "/1.0/cluster/members?recursion=1" | jq -r '.metadata[].server_name')
paths=(/1.0 "/1.0/cluster/members?recursion=1" "/1.0/projects?recursion=1" "/1.0/storage-pools?recursion=1"
  "/1.0/network-zones?recursion=1" "/1.0/networks?recursion=1" "/1.0/instances?recursion=1&all-projects=true"
  "/1.0/network-acls?recursion=1")
for p in $projects; do
  paths+=("/1.0/profiles?recursion=1&project=$p")
  for s in $pools; do paths+=("/1.0/storage-pools/$s/volumes/custom?recursion=1&project=$p"); done
done
for z in $zones; do paths+=("/1.0/network-zones/$z/records?recursion=1"); done
for m in $members; do paths+=("/1.0/storage-pools/$pool?target=$m"); done

args=()
for p in "${paths[@]}"; do args+=(-o /dev/null "$url$p"); done
t0=$(date +%s.%N)
curl -sS --no-progress-meter --http2 --parallel --parallel-max 16 "${tls[@]}" "${args[@]}" || exit 1
awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f\n", b - a }'
