#!/usr/bin/env bash
# The daemon's ceiling for bench/apply-vs-others.sh: the least a client can do to create and start COUNT busybox
# containers, PAR at a time, alternating the lab's two members: per container one POST /1.0/instances (image
# source), a wait on its operation, one PUT …/state start (LXD 5.0.2 has no instance_create_start), a wait.
# curl on the unix socket, no client logic: what is left is the daemon's own time.
#
# Usage: bench/ceiling.sh SOCKET PROJECT COUNT PAR PREFIX
set -uo pipefail
if [ "${1:-}" = "--help" ] || [ $# -ne 5 ]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
  [ "${1:-}" = "--help" ]; exit $?
fi
sock=$1 project=$2 count=$3 par=$4 prefix=$5

one() { # $1 = index
  local name="$prefix$1" target op status
  if (($1 % 2)); then target=sigsrv; else target=minisrv; fi
  wait_op() { # $1 = async answer; prints the final status
    local id
    id=$(jq -r '.metadata.id // empty' <<<"$1")
    [ -n "$id" ] || { echo "no operation: $1" >&2; return 1; }
    status=$(curl -sS --unix-socket "$sock" "http://lxd/1.0/operations/$id/wait?timeout=120&project=$project" |
      jq -r '.metadata.status + " " + (.metadata.err // "")')
    [ "${status%% *}" = Success ] || { echo "$name: $status" >&2; return 1; }
  }
  op=$(curl -sS --unix-socket "$sock" -X POST -H 'Content-Type: application/json' \
    "http://lxd/1.0/instances?project=$project&target=$target" \
    -d "{\"name\":\"$name\",\"source\":{\"type\":\"image\",\"alias\":\"busybox\"}}") || return 1
  wait_op "$op" || return 1
  op=$(curl -sS --unix-socket "$sock" -X PUT -H 'Content-Type: application/json' \
    "http://lxd/1.0/instances/$name/state?project=$project" -d '{"action":"start","timeout":30}') || return 1
  wait_op "$op"
}
export -f one
export sock project prefix
seq 1 "$count" | xargs -P "$par" -I{} bash -c 'one {}'
