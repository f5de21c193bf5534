#!/usr/bin/env bash
# Start-up time of `./infra --version` with a warm build (jar and class-data archive already made).
# Goal: <= 0.35 s. Prints each run's wall time and the median and mean. Usage: bench/startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
./infra --version >/dev/null   # build if needed, create the CDS archive
./infra --version >/dev/null
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  ./infra --version >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | awk -v n="$runs" 'NR==int((n+1)/2){print}')
mean=$(printf '%s\n' "${times[@]}" | awk '{s+=$1} END {printf "%.0f", s/NR}')
min=$(echo "$sorted" | head -1); max=$(echo "$sorted" | tail -1)
echo "startup ./infra --version: runs=$runs median=${median}ms mean=${mean}ms min=${min}ms max=${max}ms (goal <= 350ms)"
