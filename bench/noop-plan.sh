#!/usr/bin/env bash
# Benchmark: a no-op `infra plan` on the real lab with BIG containers (stopped, so the lab stays light), RUNS times:
# wall time of the whole command (JVM start included) and the breakdown `plan --stats` prints (API calls, observing,
# spec loading, client set-up). Issue 4's goal: <= 1 s, and a call count that does not grow with instances (the
# script also plans SMALL containers to show that), over HTTPS (`--remote lab`, client certificate, as from another
# machine) and over the member's unix socket (`--remote local`, as on the host itself). Creates and deletes its own
# project and pool.
#
# Usage: bench/noop-plan.sh [--help]   (env: BIG=200 SMALL=20 RUNS=7 SETTLE=20; root; lab 0 up)
set -uo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
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
[ -f "$here/lab/.state/lab.json" ] || { echo "bench: the lab is not up (run lab/up)" >&2; exit 2; }
. "$here/bench/lib.sh"
say() { echo "bench: $*" >&2; }
infra() { "$here/infra" --remote lab "$@"; }
work=$(mktemp -d "${TMPDIR:-/tmp}/bench.XXXXXX")
cleanup() {
  empty_spec >"$work/empty.yaml"
  infra apply --auto-approve "$work/empty.yaml" >"$work/cleanup.log" 2>&1 || { say "cleanup failed:"; tail -5 "$work/cleanup.log" >&2; }
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$here/infra" --version >/dev/null 2>&1 # build and train the class cache outside the timings

# plan_runs COUNT [REMOTE]: RUNS no-op plans; prints "median min calls breakdown-of-the-median-run"
plan_runs() {
  local n=$1 remote=${2:-lab} i t0 wall
  spec_with_state "$n" n stopped >"$work/spec.yaml"
  infra apply --auto-approve "$work/spec.yaml" >"$work/apply.out" 2>"$work/apply.err" ||
    { say "apply of $n containers failed:"; tail -n 20 "$work/apply.out" "$work/apply.err" >&2; exit 1; }
  # the daemons keep working for a while after 200 creates; a no-op plan is measured on a settled lab
  sleep "${SETTLE:-20}"
  : >"$work/runs"
  for ((i = 1; i <= RUNS; i++)); do
    t0=$(date +%s.%N)
    LXD_DIR=/var/lib/infra-lab/sigsrv "$here/infra" --remote "$remote" plan --stats "$work/spec.yaml" \
      >"$work/plan.out" 2>"$work/plan.err"
    wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    grep -q "No changes" "$work/plan.out" || { say "the $n-container plan is not empty"; cat "$work/plan.out" >&2; exit 1; }
    echo "$wall $(grep 'observed the lab' "$work/plan.err")" >>"$work/runs"
  done
  sort -n "$work/runs" | awk -v r="$RUNS" '{ w[NR] = $1; line[NR] = $0 } END {
    m = int((r + 1) / 2); match(line[m], /with [0-9]+ API calls/); calls = substr(line[m], RSTART + 5, RLENGTH - 15)
    sub(/^[0-9.]+ /, "", line[m]); printf "%s %s %s | %s\n", w[m], w[1], calls, line[m] }'
}

say "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
say "planning $SMALL containers…"
small=$(plan_runs "$SMALL")
say "planning $BIG containers…"
big=$(plan_runs "$BIG")
say "planning $BIG containers over the unix socket…"
unix=$(plan_runs "$BIG" local)
echo "No-op plan, $RUNS runs each, HTTPS unless said (wall of the whole command; median, best; API calls):"
echo "  $SMALL containers: median ${small%% *} s, best $(echo "$small" | cut -d' ' -f2) s, $(echo "$small" | cut -d' ' -f3) calls"
echo "  $BIG containers: median ${big%% *} s, best $(echo "$big" | cut -d' ' -f2) s, $(echo "$big" | cut -d' ' -f3) calls"
echo "  breakdown of the median $BIG run: ${big#*| }"
echo "  $BIG containers over the unix socket: median ${unix%% *} s, best $(echo "$unix" | cut -d' ' -f2) s"
echo "  breakdown of the median unix-socket run: ${unix#*| }"
echo "  load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); goal: <= 1 s, calls independent of the count"
