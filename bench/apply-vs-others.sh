#!/usr/bin/env bash
# Benchmark: create N busybox containers over the lab's two members four ways, in one run, on the real lab:
#   (a) a sequential `lxc launch` loop, (b) Ansible community.general.lxd_container, (c) the daemon's ceiling (a
#   minimal concurrent client: curl on the unix socket, bench/ceiling.sh), (d) `infra apply` of a generated spec;
# then a no-op `infra plan --stats` on a BIG-instance spec (API calls and time). Everything is deleted between runs
# and at the end. See bench/README.md. Needs root and a running lab (lab/up); installs Debian's ansible if missing.
#
# Usage: bench/apply-vs-others.sh [--help]   (env: N=40 BIG=200 PARALLELISM=<infra default> SKIP_ANSIBLE=1)
set -uo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
[ "$(id -u)" = 0 ] || { echo "bench: must run as root (the lab's sockets are root's)" >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-40}
BIG=${BIG:-200}
LAB=${BENCH_LAB:-bench}
PROJECT=$LAB-p
POOL=$LAB-pool
LXD_DIR=/var/lib/infra-lab/sigsrv
SOCK=$LXD_DIR/unix.socket
export LXD_DIR
infra_args=(--remote lab)
[ -n "${PARALLELISM:-}" ] && apply_extra=(--parallelism "$PARALLELISM") || apply_extra=()

say() { echo "bench: $*" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

[ -f "$here/lab/.state/lab.json" ] && [ -S "$SOCK" ] || { say "the lab is not up (run lab/up)"; exit 2; }
for tool in jq curl lxc; do command -v "$tool" >/dev/null || { say "$tool is missing"; exit 2; }; done
if [ -z "${SKIP_ANSIBLE:-}" ] && ! command -v ansible-playbook >/dev/null; then
  say "installing Debian's ansible (apt-get install ansible)…"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q ansible >/dev/null || { say "apt-get install ansible failed"; exit 2; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/bench.XXXXXX")
infra() { "$here/infra" "$@"; }

# ---------------------------------------------------------------- specs
. "$here/bench/lib.sh"

# ---------------------------------------------------------------- helpers
api() { curl -sS --unix-socket "$SOCK" "$@"; }
count_instances() { api "http://lxd/1.0/instances?project=$PROJECT" | jq '.metadata | length'; }
wipe() { # deletes every instance of the bench project, 10 at a time
  api "http://lxd/1.0/instances?project=$PROJECT" | jq -r '.metadata[]? | sub("^/1.0/instances/"; "") | sub("[?].*$"; "")' |
    xargs -r -P 10 -I{} lxc delete --force --project "$PROJECT" {}
  [ "$(count_instances)" = 0 ] || { say "wipe left instances in $PROJECT"; return 1; }
}
cleanup() {
  say "cleaning up (instances of $PROJECT, then the bench lab's project and pool)…"
  api "http://lxd/1.0/projects/$PROJECT" >/dev/null 2>&1 && wipe >/dev/null 2>&1
  empty_spec >"$work/empty.yaml"
  infra apply "${infra_args[@]}" --auto-approve "$work/empty.yaml" >"$work/cleanup.log" 2>&1 ||
    { say "cleanup apply failed:"; tail -5 "$work/cleanup.log" >&2; }
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

declare -A T
record() { T[$1]=$2; say "$1: $2 s"; }

# ---------------------------------------------------------------- setup
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_start=$(load)
say "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB memory, $(uname -r); N=$N BIG=$BIG; load $load_start"
infra --version >/dev/null 2>&1 || { say "infra does not run (build it: ./infra --version)"; exit 2; }
infra hosts "${infra_args[@]}" | grep -q "minisrv.*Online" || { say "both members must be Online"; exit 2; }
spec 0 x >"$work/base.yaml"
infra apply "${infra_args[@]}" --auto-approve "$work/base.yaml" >"$work/setup.log" 2>&1 ||
  { say "setup apply failed:"; cat "$work/setup.log" >&2; exit 1; }
wipe || exit 1

# ---------------------------------------------------------------- (a) sequential lxc launch loop
say "(a) $N x lxc launch, one after the other…"
t0=$(now)
for ((i = 1; i <= N; i++)); do
  lxc launch busybox "a$i" --project "$PROJECT" --target "$(member "$i")" </dev/null >/dev/null 2>&1 ||
    { say "lxc launch a$i failed"; exit 1; }
done
record a "$(since "$t0")"
wipe || exit 1

# ---------------------------------------------------------------- (b) Ansible
if [ -z "${SKIP_ANSIBLE:-}" ]; then
  say "(b) Ansible community.general.lxd_container, $N items…"
  {
    echo "- hosts: localhost"
    echo "  connection: local"
    echo "  gather_facts: false"
    echo "  tasks:"
    echo "    - community.general.lxd_container:"
    echo "        url: unix:$SOCK"
    echo "        project: $PROJECT"
    echo "        name: \"{{ item.name }}\""
    echo "        target: \"{{ item.target }}\""
    echo "        source: {type: image, alias: busybox}"
    echo "        state: started"
    echo "        wait_for_ipv4_addresses: false"
    # Debian's community.general (6.x) appends /wait after the operation URL's ?project=… query, so its wait
    # returns at once and the task fails with an empty message; wait_for_container makes it poll the operation
    # until it is done (the documented way to wait, and the only one that works against a cluster here).
    echo "        wait_for_container: true"
    echo "      loop:"
    for ((i = 1; i <= N; i++)); do echo "        - {name: b$i, target: $(member "$i")}"; done
  } >"$work/playbook.yaml"
  t0=$(now)
  ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false \
    ansible-playbook -i localhost, "$work/playbook.yaml" >"$work/ansible.log" 2>&1 ||
    { say "ansible-playbook failed:"; tail -n 20 "$work/ansible.log" >&2; exit 1; }
  record b "$(since "$t0")"
  [ "$(count_instances)" = "$N" ] || { say "ansible made $(count_instances) instances, not $N"; exit 1; }
  wipe || exit 1
fi

# ---------------------------------------------------------------- (c) the daemon's ceiling
for p in "$N" 10; do
  say "(c) $N creates+starts with curl, $p at once…"
  t0=$(now)
  "$here/bench/ceiling.sh" "$SOCK" "$PROJECT" "$N" "$p" "c$p-" || { say "ceiling run failed"; exit 1; }
  record "c$p" "$(since "$t0")"
  [ "$(count_instances)" = "$N" ] || { say "the ceiling client made $(count_instances) instances, not $N"; exit 1; }
  wipe || exit 1
done
T[c]=$(awk -v x="${T[c$N]}" -v y="${T[c10]}" 'BEGIN { print (x < y ? x : y) }')

# ---------------------------------------------------------------- (d) infra apply
say "(d) infra apply of a spec with $N containers…"
spec "$N" d >"$work/d.yaml"
t0=$(now)
infra apply "${infra_args[@]}" --auto-approve "${apply_extra[@]}" "$work/d.yaml" >"$work/d.out" 2>"$work/d.err" ||
  { say "infra apply failed:"; tail -n 20 "$work/d.out" "$work/d.err" >&2; exit 1; }
record d "$(since "$t0")"
t0=$(now)
infra plan "${infra_args[@]}" --stats "$work/d.yaml" >"$work/d-plan.out" 2>"$work/d-plan.err"
record plan_n "$(since "$t0")"
grep -q "No changes" "$work/d-plan.out" || { say "the plan after apply is not empty"; exit 1; }
calls_n=$(sed -n 's/.*with \([0-9]*\) API calls in \([0-9.]*\) s.*/\1/p' "$work/d-plan.err")
t0=$(now)
infra apply "${infra_args[@]}" --auto-approve "$work/base.yaml" >"$work/d-del.out" 2>&1 || { say "delete failed"; exit 1; }
record d_delete "$(since "$t0")"

# ---------------------------------------------------------------- no-op plan on BIG instances
say "no-op plan: creating $BIG containers with infra apply (once)…"
spec "$BIG" n >"$work/big.yaml"
t0=$(now)
infra apply "${infra_args[@]}" --auto-approve "$work/big.yaml" >"$work/big.out" 2>"$work/big.err" ||
  { say "infra apply of $BIG failed:"; tail -n 20 "$work/big.out" "$work/big.err" >&2; exit 1; }
record big_apply "$(since "$t0")"
best=""
for run in 1 2 3; do
  t0=$(now)
  infra plan "${infra_args[@]}" --stats "$work/big.yaml" >"$work/big-plan.out" 2>"$work/big-plan.err"
  wall=$(since "$t0")
  grep -q "No changes" "$work/big-plan.out" || { say "the $BIG-instance plan is not empty"; exit 1; }
  observed=$(sed -n 's/.*with \([0-9]*\) API calls in \([0-9.]*\) s.*/\2/p' "$work/big-plan.err")
  calls_big=$(sed -n 's/.*with \([0-9]*\) API calls in \([0-9.]*\) s.*/\1/p' "$work/big-plan.err")
  say "  plan run $run: $wall s wall, observed in $observed s with $calls_big calls"
  if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$wall; best_observed=$observed; fi
done
T[plan_big]=$best
t0=$(now)
infra apply "${infra_args[@]}" --auto-approve "$work/base.yaml" >"$work/big-del.out" 2>&1 || { say "delete failed"; exit 1; }
record big_delete "$(since "$t0")"

# ---------------------------------------------------------------- report
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
check() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == "<=") ? v <= t : v >= t; print ok ? "holds" : "MISSED" }'; }
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB, LXD $(lxd --version 2>/dev/null) two-member cluster on one host; N=$N"
echo "Load average: $load_start at the start, $(load) at the end (other work on the machine skews the figures)"
printf '%-48s %9s\n' "run ($N busybox containers, created and started)" "wall (s)"
printf '%-48s %9s\n' "(a) lxc launch loop, sequential" "${T[a]}"
[ -n "${T[b]:-}" ] && printf '%-48s %9s\n' "(b) Ansible community.general.lxd_container" "${T[b]}"
printf '%-48s %9s\n' "(c) daemon ceiling: curl, all $N at once" "${T[c$N]}"
printf '%-48s %9s\n' "(c) daemon ceiling: curl, 10 at once" "${T[c10]}"
printf '%-48s %9s\n' "(d) infra apply (whole command, JVM start incl.)" "${T[d]}"
echo
printf '%-34s %7s  %-10s %s\n' "target" "value" "goal" "verdict"
r=$(ratio "${T[d]}" "${T[c]}"); printf '%-34s %7s  %-10s %s\n' "(d) / (c) best ceiling" "$r" "<= 1.25" "$(check "$r" "<=" 1.25)"
r=$(ratio "${T[a]}" "${T[d]}"); printf '%-34s %7s  %-10s %s\n' "(a) / (d)  (speed-up vs lxc loop)" "$r" ">= 1.5" "$(check "$r" ">=" 1.5)"
if [ -n "${T[b]:-}" ]; then
  r=$(ratio "${T[b]}" "${T[d]}"); printf '%-34s %7s  %-10s %s\n' "(b) / (d)  (speed-up vs Ansible)" "$r" ">= 3" "$(check "$r" ">=" 3)"
fi
echo
echo "No-op plan: $N instances: ${T[plan_n]} s wall, $calls_n API calls"
echo "No-op plan: $BIG instances: ${T[plan_big]} s wall (best of 3; observing $best_observed s), $calls_big API calls;" \
  "goal <= 1 s: $(check "${T[plan_big]}" "<=" 1)"
echo "(also: infra apply of $BIG: ${T[big_apply]} s; deleting $N with apply: ${T[d_delete]} s; $BIG: ${T[big_delete]} s)"
