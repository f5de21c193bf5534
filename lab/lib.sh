# shellcheck shell=bash disable=SC2034
# Shared definitions for lab/up, lab/down, lab/fault, lab/selftest. Sourced, never run.
# Everything the lab makes on the machine is named here, so that `down` removes exactly that.

LAB_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# INFRA_LAB=N (0-9, default 0) selects one of several labs that can run side by side on one machine (e.g. one per
# git worktree): lab 0 keeps the plain names below; lab N suffixes every machine-wide name with N and uses 10.(231+N).
LAB_ID=${INFRA_LAB:-0}
[[ "$LAB_ID" =~ ^[0-9]$ ]] || { echo "lab: INFRA_LAB must be a digit 0-9, not '$LAB_ID'" >&2; exit 2; }
LAB_SUFFIX=; [ "$LAB_ID" = 0 ] || LAB_SUFFIX=$LAB_ID
LAB_OCTET=$((231 + LAB_ID))
LAB_ROOT=/var/lib/infra-lab$LAB_SUFFIX # LXD_DIRs of the members + machine-wide lab state
LAB_STATE=$LAB_ROOT/state              # pids, logs, certificates, lab.json, fault log
LAB_LINK=$LAB_SRC/.state               # symlink -> $LAB_STATE (gitignored); tests read lab/.state/lab.json
LAB_JSON=$LAB_STATE/lab.json
FAULT_LOG=$LAB_STATE/faults.log

MEMBERS=(sigsrv minisrv)               # first one bootstraps the cluster
declare -A MEMBER_ADDR=([sigsrv]=10.$LAB_OCTET.0.11 [minisrv]=10.$LAB_OCTET.0.12)
MGMT_BR=infralab$LAB_ID                     # root-namespace management bridge
MGMT_GW=10.$LAB_OCTET.0.1
MGMT_PREFIX=24
LAB_SUPERNET=10.$LAB_OCTET.0.0/16           # unreachable route in the root ns: lab addresses never leave via eth0
API_PORT=8443
VLANS=(sigsrv0 incus0 user0)           # each is one veth pair, both ends carry this name
SMALL_POOL_SIZE=1GiB
IMAGE_ALIAS=busybox
CLIENT_NAME=infra-lab-client
P12_PASSWORD=infra-lab

# The lxc client keeps its config (remotes, its own key pair) here, never in ~/.config/lxc.
export LXD_CONF=$LAB_STATE/lxc-client

log()  { echo "lab: $*"; }
warn() { echo "lab: warning: $*" >&2; }
die()  { echo "lab: error: $*" >&2; exit 1; }

require_root() {
    if [ "$(id -u)" != 0 ]; then
        echo "lab: this script must be run as root (it creates network namespaces and runs LXD daemons)" >&2
        exit 2
    fi
}

is_member()    { local m; for m in "${MEMBERS[@]}"; do [ "$m" = "$1" ] && return 0; done; return 1; }
check_member() { is_member "$1" || die "unknown host '$1' (expected one of: ${MEMBERS[*]})"; }
ns_of()        { echo "infra$LAB_SUFFIX-$1"; }
dir_of()       { echo "$LAB_ROOT/$1"; }
pidfile_of()   { echo "$LAB_STATE/lxd-$1.pid"; }
logfile_of()   { echo "$LAB_STATE/lxd-$1.log"; }
url_of()       { echo "https://${MEMBER_ADDR[$1]}:$API_PORT"; }
mgmt_veth_of() { echo "vlab$LAB_SUFFIX-$1"; }     # root-namespace end; the namespace end is 'mgmt0'

# lxc / lxd against one member's local unix socket
lxcm() { local m=$1; shift; LXD_DIR=$(dir_of "$m") lxc "$@"; }
lxdm() { local m=$1; shift; LXD_DIR=$(dir_of "$m") lxd "$@"; }

ns_exists() { [ -e "/run/netns/$1" ]; }

# pid of a process only if it is an lxd daemon running with this member's LXD_DIR
lxd_pid() {
    local m=$1 f pid
    f=$(pidfile_of "$m")
    [ -r "$f" ] || return 1
    pid=$(cat "$f" 2>/dev/null) || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    pid_is_member_lxd "$pid" "$m" || return 1
    echo "$pid"
}

pid_is_member_lxd() {
    local pid=$1 m=$2
    [ -d "/proc/$pid" ] || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = lxd ] || return 1
    { tr '\0' '\n' < "/proc/$pid/environ"; } 2>/dev/null | grep -qx "LXD_DIR=$(dir_of "$m")"
}

lxd_running() { lxd_pid "$1" >/dev/null; }

# Start one member's daemon inside its namespace, in its own session, and wait until it answers.
start_lxd() {
    local m=$1 dir ns pid i
    dir=$(dir_of "$m"); ns=$(ns_of "$m")
    if pid=$(lxd_pid "$m"); then
        log "$m: lxd already running (pid $pid)"
        return 0
    fi
    ns_exists "$ns" || die "$m: namespace $ns is missing (run lab/up)"
    mkdir -p "$dir" "$LAB_STATE"
    chmod 711 "$dir"
    LXD_DIR=$dir setsid ip netns exec "$ns" lxd --group root --logfile "$(logfile_of "$m")" \
        </dev/null >>"$LAB_STATE/lxd-$m.out" 2>&1 &
    pid=$!
    echo "$pid" > "$(pidfile_of "$m")"
    # ip netns exec / setsid exec into lxd, so $! becomes the daemon's pid
    for i in $(seq 1 50); do
        pid_is_member_lxd "$pid" "$m" && break
        [ -d "/proc/$pid" ] || die "$m: lxd exited at once; see $LAB_STATE/lxd-$m.out and $(logfile_of "$m")"
        sleep 0.1
    done
    pid_is_member_lxd "$pid" "$m" || die "$m: pid $pid did not become lxd"
    if ! lxdm "$m" waitready --timeout 60; then
        die "$m: lxd (pid $pid) not ready after 60 s; see $(logfile_of "$m")"
    fi
    log "$m: lxd started in netns $ns (pid $pid, LXD_DIR=$dir)"
    # keep lab.json's pid current (start-member / heal restart a member)
    if [ -s "$LAB_JSON" ]; then
        jq --arg m "$m" --argjson pid "$pid" '(.members[] | select(.name==$m) | .pid) = $pid' "$LAB_JSON" > "$LAB_JSON.tmp" \
            && mv "$LAB_JSON.tmp" "$LAB_JSON"
    fi
}

# JSON from the local socket of a member
lxq() { local m=$1; shift; lxcm "$m" query "$@"; }

member_status() {  # prints e.g. Online / Offline for member $2 as seen from member $1
    lxq "$1" "/1.0/cluster/members/$2" 2>/dev/null | jq -r '.status // empty'
}

# Every process that belongs to one member: its lxd daemon(s) (found by LXD_DIR in the environment, so
# also without a pid file), dnsmasq from the pid files under LXD_DIR/networks, anything whose command
# line names the LXD_DIR (liblxc monitors, dnsmasq), anything inside the member's namespace,
# and all their descendants (container processes). Never our own shell or its ancestors.
member_pids() {
    local m=$1 dir ns p f pid comm
    dir=$(dir_of "$m"); ns=$(ns_of "$m")
    local -A seen=()
    local -a found=()
    add() { [ -n "${seen[$1]:-}" ] || { seen[$1]=1; found+=("$1"); }; }
    for p in /proc/[0-9]*; do
        pid=${p#/proc/}
        comm=$(cat "$p/comm" 2>/dev/null || true)
        case "$comm" in lxd|dnsmasq) ;; *) continue ;; esac
        if [ "$comm" = lxd ] && { tr '\0' '\n' < "$p/environ"; } 2>/dev/null | grep -qx "LXD_DIR=$dir"; then
            add "$pid"; continue
        fi
        # liblxc monitors ("[lxc monitor] $dir/containers NAME", comm lxd) and dnsmasq name the LXD_DIR
        if { tr '\0' ' ' < "$p/cmdline"; } 2>/dev/null | grep -qF "$dir/"; then add "$pid"; fi
    done
    for f in "$dir"/networks/*/dnsmasq.pid; do
        [ -r "$f" ] || continue
        # LXD writes a record ("pid: N", one line of several), older ones a bare pid
        pid=$(sed -n 's/^\(pid: *\)\{0,1\}\([0-9][0-9]*\)$/\2/p' "$f" 2>/dev/null | head -n 1 || true)
        [[ "$pid" =~ ^[0-9]+$ ]] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dnsmasq ] && add "$pid"
    done
    if ns_exists "$ns"; then
        for pid in $(ip netns pids "$ns" 2>/dev/null); do add "$pid"; done
    fi
    # descendants
    local i=0 child
    while [ $i -lt ${#found[@]} ]; do
        for child in $(cat /proc/"${found[$i]}"/task/*/children 2>/dev/null); do add "$child"; done
        i=$((i+1))
    done
    # never ourselves or an ancestor
    local self=$$ anc=()
    while [ -n "$self" ] && [ "$self" != 0 ]; do
        anc+=("$self")
        self=$(awk '{print $4}' "/proc/$self/stat" 2>/dev/null || true)
    done
    for pid in "${found[@]}"; do
        [[ " ${anc[*]} " == *" $pid "* ]] || echo "$pid"
    done
}

# TERM, wait up to $2 seconds, then KILL
kill_pids() {
    local grace=$1; shift
    [ $# -gt 0 ] || return 0
    kill -TERM "$@" 2>/dev/null || true
    local i alive
    for i in $(seq 1 $((grace * 10))); do
        alive=0
        for p in "$@"; do [ -d "/proc/$p" ] && [ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)" != Z ] && alive=1; done
        [ $alive = 0 ] && return 0
        sleep 0.1
    done
    kill -KILL "$@" 2>/dev/null || true
    sleep 0.2
}

# ---------------------------------------------------------------- SSH into the members' namespaces
# Each member's namespace runs an OpenSSH server on its management address (port 22), so that remedies needing a
# host shell (`infra doctor --fix`) can be run and tested for real. Key-only root login with one lab key; host keys,
# config, known_hosts and an ssh_config (Host = member name) live under $SSH_DIR. Reached from the root namespace
# over $MGMT_BR only.
SSH_DIR=$LAB_STATE/ssh
SSH_KEY=$SSH_DIR/id_ecdsa                 # the client key the tests (and `ssh -F $SSH_CLIENT_CONFIG`) use
SSH_KNOWN_HOSTS=$SSH_DIR/known_hosts
SSH_CLIENT_CONFIG=$SSH_DIR/ssh_config
SSH_PORT=22
sshd_config_of()  { echo "$SSH_DIR/sshd_config-$1"; }
sshd_pidfile_of() { echo "$LAB_STATE/sshd-$1.pid"; }
sshd_hostkey_of() { echo "$SSH_DIR/host-$1/ssh_host_ecdsa_key"; }

# pid of member $1's sshd, only if it is an sshd started with this member's config
sshd_pid() {
    local m=$1 f pid
    f=$(sshd_pidfile_of "$m")
    [ -r "$f" ] || return 1
    pid=$(cat "$f" 2>/dev/null) || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [ -d "/proc/$pid" ] || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = sshd ] || return 1
    { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | grep -qF -- "$(sshd_config_of "$m")" || return 1
    echo "$pid"
}

# Start member $1's sshd inside its namespace (idempotent). Keys and configs are made once.
start_sshd() {
    local m=$1 ns pid cfg hostkey i
    ns=$(ns_of "$m"); cfg=$(sshd_config_of "$m"); hostkey=$(sshd_hostkey_of "$m")
    mkdir -p "$SSH_DIR" "$(dirname "$hostkey")"
    chmod 700 "$SSH_DIR"
    [ -s "$SSH_KEY" ] || ssh-keygen -q -t ecdsa -b 256 -N '' -C "infra-lab$LAB_SUFFIX" -f "$SSH_KEY"
    [ -s "$hostkey" ] || ssh-keygen -q -t ecdsa -b 256 -N '' -C "$m" -f "$hostkey"
    cp "$SSH_KEY.pub" "$SSH_DIR/authorized_keys"
    chmod 600 "$SSH_DIR/authorized_keys"
    cat > "$cfg" <<SSHD
# sshd of lab member $m (made by lab/up; removed by lab/down). Key-only root login, management address only.
ListenAddress ${MEMBER_ADDR[$m]}:$SSH_PORT
HostKey $hostkey
PidFile $(sshd_pidfile_of "$m")
AuthorizedKeysFile $SSH_DIR/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
X11Forwarding no
AllowTcpForwarding no
PrintMotd no
SSHD
    if pid=$(sshd_pid "$m"); then
        log "$m: sshd already running (pid $pid)"
        return 0
    fi
    mkdir -p /run/sshd   # privilege separation directory
    ip netns exec "$ns" /usr/sbin/sshd -f "$cfg" -E "$LAB_STATE/sshd-$m.log" \
        || die "$m: sshd did not start; see $LAB_STATE/sshd-$m.log"
    for i in $(seq 1 50); do
        pid=$(sshd_pid "$m") && break
        sleep 0.1
    done
    pid=$(sshd_pid "$m") || die "$m: sshd wrote no pid file; see $LAB_STATE/sshd-$m.log"
    log "$m: sshd started in netns $ns on ${MEMBER_ADDR[$m]}:$SSH_PORT (pid $pid)"
}

# known_hosts and an ssh_config naming every member (ssh -F $SSH_CLIENT_CONFIG sigsrv)
write_ssh_client_files() {
    local m
    : > "$SSH_KNOWN_HOSTS.tmp"
    : > "$SSH_CLIENT_CONFIG.tmp"
    for m in "${MEMBERS[@]}"; do
        echo "${MEMBER_ADDR[$m]} $(cut -d' ' -f1,2 "$(sshd_hostkey_of "$m").pub")" >> "$SSH_KNOWN_HOSTS.tmp"
        cat >> "$SSH_CLIENT_CONFIG.tmp" <<CONF
Host $m
    HostName ${MEMBER_ADDR[$m]}
    Port $SSH_PORT
    User root
    IdentityFile $SSH_KEY
    IdentitiesOnly yes
    UserKnownHostsFile $SSH_KNOWN_HOSTS
    StrictHostKeyChecking yes
CONF
    done
    mv "$SSH_KNOWN_HOSTS.tmp" "$SSH_KNOWN_HOSTS"
    mv "$SSH_CLIENT_CONFIG.tmp" "$SSH_CLIENT_CONFIG"
}

# End member $1's sshd (and its sessions) by pid
stop_sshd() {
    local m=$1 pid
    if pid=$(sshd_pid "$m"); then
        log "$m: stopping sshd (pid $pid)"
        kill_pids 3 "$pid"
        rm -f "$(sshd_pidfile_of "$m")"
        return 0
    fi
    return 1
}
