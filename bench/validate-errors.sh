#!/usr/bin/env bash
# `infra validate` of a 1 MB spec full of errors (issue 11: it took 194 s and 2.1 GB; the goal is under 5 s and
# 512 MiB). Two generated specs of about 1 MB: "schema" (each of ~19,000 instances has a word for cpu, a bad size
# and an unknown key: schema errors, the lab rules do not run) and "rules" (each of ~11,000 instances has a bad
# name, a NIC name over 15 characters and an undefined network: the lab rules run), and "networks" (~28,000
# copies of one range: one overlap each, where every pair was reported), and a valid one, "profiles" (~16,000
# profiles and instances naming three each: each instance's profiles were found by scanning them all). Beside them, in the same run,
# two yardsticks: bare `java -version` and `infra validate examples/sigsrv.yaml`, so a loaded machine shows as
# slow yardsticks rather than as a slow validator. Prints wall and CPU time, peak memory (max RSS) and the size
# of the output for each, best of RUNS. Usage: bench/validate-errors.sh   (RUNS=3)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
infra_find_jdk
runs=${RUNS:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/validate-errors.XXXXXX")
trap 'rm -rf "$work"' EXIT

awk 'BEGIN {
  print "lab: bench\nhosts:\n  - name: sigsrv\n    description: h\ninstances:" > "'"$work"'/schema.yaml"
  for (i = 0; size < 1000000; i++) {
    line = "  - name: i" i "\n    image: img\n    cpu: many" i "\n    memory: lots" i "\n    typo" i ": x"
    print line > "'"$work"'/schema.yaml"; size += length(line) + 1
  }
  print "lab: bench\nhosts:\n  - name: sigsrv\n    description: h\nnetworks:" > "'"$work"'/networks.yaml"
  for (i = 0; size3 < 1000000; i++) {
    line = "  - name: n" i "br0\n    ipv4: 10.0.0.0/24"
    print line > "'"$work"'/networks.yaml"; size3 += length(line) + 1
  }
  print "lab: bench\nhosts:\n  - name: sigsrv\n    description: h\nprofiles:" > "'"$work"'/profiles.yaml"
  for (p = 0; size4 < 400000; p++) {
    line = "  - {name: p" p ", cpu: 1}"
    print line > "'"$work"'/profiles.yaml"; size4 += length(line) + 1
  }
  print "instances:" > "'"$work"'/profiles.yaml"
  for (i = 0; size4 < 1000000; i++) {
    line = "  - {name: i" i ", image: x, profiles: [p" (i * 7) % p ", p" (i * 7 + 1) % p ", p" (i * 7 + 2) % p "]}"
    print line > "'"$work"'/profiles.yaml"; size4 += length(line) + 1
  }
  print "lab: bench\nhosts:\n  - name: sigsrv\n    description: h\ninstances:" > "'"$work"'/rules.yaml"
  for (i = 0; size2 < 1000000; i++) {
    line = "  - name: 9bad_" i "\n    image: img\n    nics:\n      - name: eth0_too_long_name_" i "\n        network: nonet" i
    print line > "'"$work"'/rules.yaml"; size2 += length(line) + 1
  }
}'
./infra --version >/dev/null   # build if needed, make the class cache

# best of $runs: "wall_s cpu_s maxrss_kib output_bytes exit"
measure() {
  local best=""
  for _ in $(seq "$runs"); do
    local exit=0
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>&1 || exit=$?
    read -r wall user sys rss < <(tail -1 "$work/time")   # after "Command exited with non-zero status"
    local line
    line=$(awk -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v o="$(wc -c <"$work/out")" -v e="$exit" \
      'BEGIN {printf "%.2f %.2f %d %d %d", w, u + s, r, o, e}')
    if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN {exit !(a < b)}'; then best=$line; fi
  done
  echo "$best"
}

printf '%-40s %8s %8s %10s %12s %5s\n' run wall_s cpu_s maxrss_MiB output_bytes exit
report() {
  read -r wall cpu rss out exit <<<"$2"
  printf '%-40s %8s %8s %10d %12s %5s\n' "$1" "$wall" "$cpu" $((rss / 1024)) "$out" "$exit"
}
report "java -version (yardstick)" "$(measure "$INFRA_JAVA_HOME/bin/java" -version)"
report "validate examples/sigsrv.yaml (yardstick)" "$(measure ./infra validate examples/sigsrv.yaml)"
report "validate schema.yaml ($(wc -c <"$work/schema.yaml") B)" "$(measure ./infra validate "$work/schema.yaml")"
report "validate rules.yaml ($(wc -c <"$work/rules.yaml") B)" "$(measure ./infra validate "$work/rules.yaml")"
report "validate networks.yaml ($(wc -c <"$work/networks.yaml") B)" "$(measure ./infra validate "$work/networks.yaml")"
report "validate profiles.yaml (valid, $(wc -c <"$work/profiles.yaml") B)" "$(measure ./infra validate "$work/profiles.yaml")"
report "validate -o json schema.yaml" "$(measure ./infra validate -o json "$work/schema.yaml")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); goal: each 1 MB run under 5 s and 512 MiB"
