#!/usr/bin/env bash
# Benchmark: a no-op `infra plan` on the real lab with BIG and with SMALL containers (stopped, so the lab stays light),
# side by side in one run, RUNS times each: wall time of the whole command (JVM start included) and the breakdown
# `plan --stats` prints (API calls, observing, spec loading, client set-up), over HTTPS (`--remote lab`, client
# certificate, as from another machine) and BIG over the member's unix socket (`--remote local`). Yardsticks measured
# in the same run, interleaved with the plans, as the machine's load changes: bare `java -version` (the JVM's own
# start) and the daemon's ceiling for the same reads (bench/read-ceiling.sh: curl, all reads at once). Issue 13's goal:
# BIG <= 1 s over HTTPS, and a call count that does not grow with instances. BASELINE=DIR/infra also times another
# checkout's launcher in the same runs (before/after). Creates and deletes its own project and pool.
#
# Usage: bench/noop-plan.sh [--help]   (env: BIG=200 SMALL=20 RUNS=7 SETTLE=20 BASELINE=; root; INFRA_LAB=N for lab N)
set -uo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
[ "$(id -u)" = 0 ] || { echo "bench: must run as root (the lab's sockets are root's)" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIG=${BIG:-200}
SMALL=${SMALL:-20}
RUNS=${RUNS:-7}
LAB=${BENCH_LAB:-noop}
PROJECT=$LAB-p
POOL=$LAB-pool
lab_id=${INFRA_LAB:-0}
[[ "$lab_id" =~ ^[0-9]$ ]] || { echo "bench: INFRA_LAB must be a digit 0-9" >&2; exit 2; }
export INFRA_LAB=$lab_id # `--remote lab` is lab N
lab_root=/var/lib/infra-lab$([ "$lab_id" = 0 ] || echo "$lab_id")
lab_json=$lab_root/state/lab.json
[ -s "$lab_json" ] || { echo "bench: lab $lab_id is not up (run INFRA_LAB=$lab_id lab/up)" >&2; exit 2; }
HOST_NET=10.$((231 + lab_id))
. "$here/bench/lib.sh"
say() { echo "bench: $*" >&2; }
infra() { "$here/infra" --remote lab "$@"; }
. "$here/scripts/jdk.sh"
infra_find_jdk || exit 2
work=$(mktemp -d "${TMPDIR:-/tmp}/bench.XXXXXX")
cleanup() {
  empty_spec >"$work/empty.yaml"
  infra apply --auto-approve "$work/empty.yaml" >"$work/cleanup.log" 2>&1 || { say "cleanup failed:"; tail -5 "$work/cleanup.log" >&2; }
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# the launchers timed: this checkout's, and BASELINE's if given (built and their class caches trained first)
launchers=("$here/infra")
[ -n "${BASELINE:-}" ] && launchers+=("$BASELINE")
for l in "${launchers[@]}"; do
  "$l" --version >/dev/null 2>&1 || { say "$l does not run"; exit 2; }
done

# median, best of column COL (default 1) of a file
stats() { sort -n -k"${2:-1},${2:-1}" "$1" | awk -v c="${2:-1}" '{ w[NR] = $c } END { printf "%s %s", w[int((NR + 1) / 2)], w[1] }'; }

# timed OUT CMD…: runs CMD (its output to $work/cmd.out and .err); appends "wall cpu" to OUT. The CPU time (user +
# system, of the process and its children) hardly depends on the machine's load; the wall time does
timed() {
  local out=$1 t
  shift
  t=$( { TIMEFORMAT='%R %U %S'; time "$@" >"$work/cmd.out" 2>"$work/cmd.err"; } 2>&1 )
  awk '{ printf "%.2f %.2f", $1, $2 + $3 }' <<<"$t" >>"$out"
}

# one_plan LAUNCHER REMOTE OUT: one no-op plan; appends "wall cpu calls | --stats line" to OUT
one_plan() {
  LXD_DIR=$lab_root/sigsrv timed "$3" "$1" --remote "$2" plan --stats "$work/spec.yaml"
  grep -q "No changes" "$work/cmd.out" || { say "$1: the plan is not empty"; cat "$work/cmd.out" >&2; exit 1; }
  echo " $(sed -n 's/.*with \([0-9]*\) API calls.*/\1/p' "$work/cmd.err") | $(grep 'observed the lab' "$work/cmd.err")" >>"$3"
}

# measure COUNT REMOTE TAG: applies COUNT stopped containers, then RUNS rounds of: java -version, the read ceiling,
# a plan with each launcher (interleaved, so all see the same load). Results in $work/TAG.*
measure() {
  local n=$1 remote=$2 tag=$3 i k
  spec_with_state "$n" n stopped >"$work/spec.yaml"
  infra apply --auto-approve "$work/spec.yaml" >"$work/apply.out" 2>"$work/apply.err" ||
    { say "apply of $n containers failed:"; tail -n 20 "$work/apply.out" "$work/apply.err" >&2; exit 1; }
  # the daemons keep working for a while after many creates; a no-op plan is measured on a settled lab
  sleep "${SETTLE:-20}"
  : >"$work/$tag.java"; : >"$work/$tag.ceiling"
  for k in "${!launchers[@]}"; do : >"$work/$tag.plan$k"; done
  for ((i = 1; i <= RUNS; i++)); do
    timed "$work/$tag.java" "$INFRA_JAVA_HOME/bin/java" -version; echo >>"$work/$tag.java"
    "$here/bench/read-ceiling.sh" "$lab_json" "$POOL" >>"$work/$tag.ceiling" || { say "read ceiling failed"; exit 1; }
    for k in "${!launchers[@]}"; do one_plan "${launchers[$k]}" "$remote" "$work/$tag.plan$k"; done
  done
}

# row TAG LABEL: the line of the report for one measurement
row() {
  local tag=$1 label=$2 k java java_cpu ceiling plan best cpu calls
  read -r java _ < <(stats "$work/$tag.java")
  read -r java_cpu _ < <(stats "$work/$tag.java" 2)
  read -r ceiling _ < <(stats "$work/$tag.ceiling")
  for k in "${!launchers[@]}"; do
    read -r plan best < <(stats "$work/$tag.plan$k")
    read -r cpu _ < <(stats "$work/$tag.plan$k" 2)
    calls=$(sort -n "$work/$tag.plan$k" | awk -v r="$RUNS" 'NR == int((r + 1) / 2) { print $3 }')
    printf '  %-29s %-9s %5s %5s %5s %5s %9s %8s %7s %6s\n' "$label" "$([ "$k" = 0 ] && echo this || echo baseline)" \
      "$plan" "$best" "$cpu" "$calls" "$java" "$java_cpu" "$ceiling" \
      "$(awk -v p="$plan" -v j="$java" -v c="$ceiling" 'BEGIN { printf "%.2f", p / (j + c) }')"
  done
}

say "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); lab $lab_id; launchers: ${launchers[*]}"
say "planning $BIG containers over HTTPS…"
measure "$BIG" lab big
say "planning $BIG containers over the unix socket…"
measure "$BIG" local unix
say "planning $SMALL containers over HTTPS…"
measure "$SMALL" lab small

echo "No-op plan, $RUNS interleaved rounds (wall of the whole command, seconds; median unless said)"
printf '  %-29s %-9s %5s %5s %5s %5s %9s %8s %7s %6s\n' "" launcher plan best cpu calls "java -v" "its cpu" ceiling ratio
row small "$SMALL containers, HTTPS"
row big "$BIG containers, HTTPS"
row unix "$BIG containers, unix socket"
echo "  cpu: user + system time of the process (hardly depends on the load; wall time does). ratio = plan /"
echo "  (java -version + ceiling): 1.00 would be a plan costing no more than starting a JVM and making its reads with"
echo "  curl. Breakdown of the median $BIG-container HTTPS run of this checkout:"
sort -n "$work/big.plan0" | awk -v r="$RUNS" 'NR == int((r + 1) / 2) { sub(/^[^|]*\| /, "    "); print }'
for k in "${!launchers[@]}"; do
  [ "$k" = 0 ] && continue
  for tag in small big unix; do
    echo "  this / baseline, $tag: wall $(awk -v a="$(stats "$work/$tag.plan0" | cut -d' ' -f1)" \
      -v b="$(stats "$work/$tag.plan$k" | cut -d' ' -f1)" 'BEGIN { printf "%.2f", a / b }'), cpu $(awk \
      -v a="$(stats "$work/$tag.plan0" 2 | cut -d' ' -f1)" -v b="$(stats "$work/$tag.plan$k" 2 | cut -d' ' -f1)" \
      'BEGIN { printf "%.2f", a / b }')"
  done
done
echo "  goal: $BIG containers <= 1 s over HTTPS on a quiet machine; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
