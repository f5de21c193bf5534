# shellcheck shell=bash
# Shared by the lab benchmarks: the specs they apply. Sourced, never run. Expects LAB, POOL, PROJECT; HOST_NET (the
# first two octets of the members' addresses, lab N: 10.(231+N)) defaults to lab 0's 10.231.

spec() { # $1 = number of instances, $2 = name prefix; prints a spec of the bench lab
  cat <<EOF
version: 1
lab: $LAB
description: Benchmark lab (bench/apply-vs-others.sh); removed when the benchmark ends
hosts:
  - name: sigsrv
    description: First member
    address: https://${HOST_NET:-10.231}.0.11:8443
  - name: minisrv
    description: Second member
    address: https://${HOST_NET:-10.231}.0.12:8443
storage:
  - name: $POOL
    description: Directory pool of the benchmark
    purpose: fast
    driver: dir
projects:
  - name: $PROJECT
    description: The benchmark's containers
    features:
      images: false
      profiles: true
      storage.volumes: true
      networks: false
    default-profile:
      cpu: 1
      root:
        pool: $POOL
        size: 1GiB
EOF
  [ "$1" -gt 0 ] && echo "    instances:"
  for ((i = 1; i <= $1; i++)); do
    printf '      - name: %s%d\n        image: busybox\n        target: %s\n' "$2" "$i" "$(member "$i")"
  done
}
member() { if (($1 % 2)); then echo sigsrv; else echo minisrv; fi; }
empty_spec() {
  printf 'version: 1\nlab: %s\nhosts:\n  - name: sigsrv\n    address: https://%s.0.11:8443\n' "$LAB" "${HOST_NET:-10.231}"
  printf '  - name: minisrv\n    address: https://%s.0.12:8443\n' "${HOST_NET:-10.231}"
}

# spec with STATE (running|stopped) on every instance: spec_with_state N PREFIX STATE
spec_with_state() {
  spec "$1" "$2" | awk -v st="$3" '{ print } /^        target: / { print "        state: " st }'
}
