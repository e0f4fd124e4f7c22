#!/usr/bin/env bash
# The persistence engine alone (docs/persistence.md): acknowledged appends per second with 1, 8 and
# 64 writers in each sync mode, and the time to open a journal of 100,000 records. Measures the
# disk under DIR (default: a new temporary directory). Needs a compiled emulator-core
# (mvn -q -o -pl emulator-core compile). Usage: docs/bench/journal.sh [DIR] [seconds per run, default 5]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CP="$ROOT/emulator-core/target/classes:$HOME/.m2/repository/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar"
exec java -cp "$CP" "$ROOT/docs/bench/JournalBench.java" "${1:-$(mktemp -d)}" "${2:-5}"
