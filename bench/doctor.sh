#!/usr/bin/env bash
# Benchmark: a full `infra doctor` on the healthy lab (issue 6 asks ≤ 5 s). Applies examples/lab.yaml (addresses
# moved into this lab's 10.(231+N) range: three bridges over the VLAN segments, four busybox containers, incusbr0
# without instances so its pings need probe containers), runs the doctor RUNS times (wall time of the whole
# process, and the engine's own time and API calls from its JSON summary), once more with --no-probes, then
# destroys the spec's objects. Needs root and a running lab (lab/up); honours INFRA_LAB.
#
# Usage: bench/doctor.sh [--help]   (env: RUNS=5)
set -uo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
[ "$(id -u)" = 0 ] || { echo "bench: must run as root (the lab's sockets are root's)" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-5}
say() { echo "bench: $*" >&2; }
[ -s "$here/lab/.state/lab.json" ] || { say "the lab is not up (run lab/up)"; exit 2; }
prefix=$(jq -r '.members[0].address' "$here/lab/.state/lab.json" | cut -d. -f1-2)
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-doctor.XXXXXX")
spec=$work/lab.yaml
sed "s/10\.231\./$prefix./g" "$here/examples/lab.yaml" > "$spec"
infra() { "$here/infra" "$@"; }
cleanup() { infra destroy --remote lab --auto-approve "$spec" >/dev/null 2>&1 || say "destroy failed"; rm -rf "$work"; }
trap cleanup EXIT

infra apply --remote lab --auto-approve --wait-ipv4=60 "$spec" >/dev/null 2>&1 || { say "apply failed"; exit 1; }
infra doctor --remote lab --exit-zero "$spec" >/dev/null 2>&1   # warm-up (and a build of the jar if needed)

run() { # $@ = extra doctor options; prints "wall engine calls status"
  local t0 t1 json
  t0=$(date +%s.%N)
  json=$(infra doctor --remote lab -o json --exit-zero "$@" "$spec" 2>/dev/null)
  t1=$(date +%s.%N)
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') $(jq -r '"\(.summary.took_ms/1000) \(.summary.api_calls) \(.summary.status)"' <<<"$json")"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

walls=(); engines=()
for i in $(seq 1 "$RUNS"); do
  read -r wall engine calls status < <(run)
  say "run $i: ${wall} s wall, ${engine} s in the engine, $calls API calls, status $status"
  walls+=("$wall"); engines+=("$engine")
done
read -r nwall nengine ncalls nstatus < <(run --no-probes)
echo "doctor (healthy lab, examples/lab.yaml, $RUNS runs, load $(cut -d' ' -f1 /proc/loadavg)):"
echo "  full doctor:  median $(printf '%s\n' "${walls[@]}" | median) s wall (JVM start included),"\
     "$(printf '%s\n' "${engines[@]}" | median) s in the engine, $calls API calls"
echo "  --no-probes:  $nwall s wall, $nengine s in the engine, $ncalls API calls, status $nstatus"
