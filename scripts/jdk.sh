# Sourced by ./infra, ./dev and .ci/run. Sets INFRA_JAVA_HOME to a JDK of version >= 21, looking in JAVA_HOME,
# then the java on PATH, then /usr/lib/jvm/*. Reads each candidate's `release` file (no JVM start, so it is cheap).
# Returns 1 with a message on stderr when none is found.

_infra_jdk_version() { # $1 = JDK home; prints the feature version or nothing
  local rel="$1/release" v
  [ -x "$1/bin/java" ] && [ -f "$rel" ] || return 0
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel")
  [ "$v" = 1 ] && v=8
  echo "$v"
}

infra_find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    c=$(readlink -f "$(command -v java)")
    candidates+=("${c%/bin/java}")
  fi
  for c in /usr/lib/jvm/*; do candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    v=$(_infra_jdk_version "$c")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ -x "$c/bin/javac" ]; then
      INFRA_JAVA_HOME=$c
      INFRA_JAVA_VERSION=$v
      return 0
    fi
  done
  echo "infra: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*)." >&2
  echo "infra: install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME." >&2
  return 1
}

# Runs Maven with the found JDK, quietly; on failure prints Maven's log.
infra_mvn() {
  local log status
  log=$(mktemp "${TMPDIR:-/tmp}/infra-mvn.XXXXXX")
  local opts="${MAVEN_OPTS:-}"
  [ "${INFRA_JAVA_VERSION:-0}" -ge 23 ] && opts="$opts --sun-misc-unsafe-memory-access=allow"
  JAVA_HOME="$INFRA_JAVA_HOME" MAVEN_OPTS="$opts" mvn -B -q "$@" >"$log" 2>&1
  status=$?
  if [ $status -ne 0 ]; then cat "$log" >&2; fi
  rm -f "$log"
  return $status
}
