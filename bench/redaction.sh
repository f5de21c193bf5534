#!/usr/bin/env bash
# Throughput of the redaction layer that every line infra prints goes through (see RedactionBench.java).
# Usage: bench/redaction.sh [MIB]   (default 64 MiB of infra-like output, 1 line in 100 holding a secret)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh && infra_find_jdk
./infra --version >/dev/null   # builds target/infra.jar and target/lib when sources changed
"$INFRA_JAVA_HOME/bin/java" -cp "target/infra.jar:target/lib/*" bench/RedactionBench.java "${1:-64}"
