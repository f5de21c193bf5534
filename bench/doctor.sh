#!/usr/bin/env bash
# Benchmark: a full `infra doctor` on the healthy lab (issue 12 asks ≤ 3 s on a quiet lab). Applies examples/lab.yaml
# (addresses moved into this lab's 10.(231+N) range: three bridges over the VLAN segments, four busybox containers,
# incusbr0 without instances so its pings need probe containers), then RUNS rounds of: a bare `java -version`, the
# full doctor, the doctor with --no-probes — wall time of each process, and the engine's own time and API calls
# from the doctor's JSON summary. The machine is shared, so the yardsticks of the same rounds come with the figures:
# judge by the ratios. Prints the steps of the last full run (summary.phases_ms), destroys the spec's objects, and
# exits 1 unless every full doctor said "ok". Needs root and a running lab (lab/up); honours INFRA_LAB.
#
# Usage: bench/doctor.sh [--help]   (env: RUNS=5)
set -uo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
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
# destroy keeps the built-in default pool with this spec's mark: forget it, or the next spec with another lab name
# (the doctor's lab tests) is BLOCKED on it
cleanup() {
  infra destroy --remote lab --auto-approve "$spec" >/dev/null 2>&1 || say "destroy failed"
  infra forget --remote lab "$spec" pool.default >/dev/null 2>&1 || say "forget pool.default failed"
  rm -rf "$work"
}
trap cleanup EXIT

infra apply --remote lab --auto-approve --wait-ipv4=60 "$spec" >/dev/null 2>&1 || { say "apply failed"; exit 1; }
infra doctor --remote lab --exit-zero "$spec" >/dev/null 2>&1   # warm-up (and a build of the jar if needed)

run() { # $@ = extra doctor options; prints "wall engine calls status", keeps the JSON in $work/last.json
  local t0 t1 json
  t0=$(date +%s.%N)
  json=$(infra doctor --remote lab -o json --exit-zero "$@" "$spec" 2>/dev/null)
  t1=$(date +%s.%N)
  printf '%s' "$json" > "$work/last.json"
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') $(jq -r '"\(.summary.took_ms/1000) \(.summary.api_calls) \(.summary.status)"' <<<"$json")"
}
java_version() { # prints the wall time of a bare JVM start with the JDK the launcher uses
  local t0 t1
  t0=$(date +%s.%N)
  "$INFRA_JAVA_HOME/bin/java" -version >/dev/null 2>&1
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", (b > 0 ? a/b : 0)}'; }

. "$here/scripts/jdk.sh"; infra_find_jdk || exit 2
walls=(); engines=(); nwalls=(); nengines=(); jvms=(); bad=0
for i in $(seq 1 "$RUNS"); do
  jvm=$(java_version)
  read -r wall engine calls status < <(run)
  [ "$status" = ok ] || { bad=$((bad + 1)); cp "$work/last.json" "$work/not-ok.json"; }
  cp "$work/last.json" "$work/full.json"
  read -r nwall nengine ncalls nstatus < <(run --no-probes)
  say "round $i: java -version ${jvm} s; full ${wall} s wall, ${engine} s engine, $calls calls, $status;"\
      "--no-probes ${nwall} s wall, ${nengine} s engine, $ncalls calls, $nstatus"
  walls+=("$wall"); engines+=("$engine"); nwalls+=("$nwall"); nengines+=("$nengine"); jvms+=("$jvm")
done
m() { printf '%s\n' "$@" | median; }
mw=$(m "${walls[@]}"); me=$(m "${engines[@]}"); mnw=$(m "${nwalls[@]}"); mne=$(m "${nengines[@]}"); mj=$(m "${jvms[@]}")
echo "doctor (healthy lab, examples/lab.yaml, $RUNS rounds, load $(cut -d' ' -f1 /proc/loadavg)), medians:"
echo "  full doctor:  $mw s wall (JVM start included), $me s in the engine, $calls API calls"
echo "  --no-probes:  $mnw s wall, $mne s in the engine, $ncalls API calls"
echo "  java -version: $mj s wall"
echo "  ratios: full/--no-probes wall $(ratio "$mw" "$mnw"), engine $(ratio "$me" "$mne");"\
     "full wall/java -version $(ratio "$mw" "$mj")"
echo "  steps of the last full run (ms from the engine's start): $(jq -r '[.summary.phases_ms // {} | to_entries[]
  | "\(.key) \(.value[0])-\(.value[1])"] | join(", ")' "$work/full.json")"
if [ "$bad" -gt 0 ]; then
  say "$bad full doctor run(s) were not ok on the healthy lab; the last one's problems:"
  jq -r '.checks[] | select(.status != "ok") | "  \(.id) \(.host) \(.subject): \(.summary)"' "$work/not-ok.json" >&2
  exit 1
fi
