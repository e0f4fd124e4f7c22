#!/usr/bin/env bash
# The persistence engine (docs/persistence.md): acknowledged appends per second of 200-byte records
# with 1, 8 and 64 writers that each wait for their record, in each sync mode, and the time to open
# a journal of 100,000 records, on the disk under DIR (default: a new temporary directory).
# With H2_JAR and SQLITE_JAR set (h2-2.3.232.jar, sqlite-jdbc-3.50.3.0.jar from Maven Central), the
# same load runs first against H2's MVStore and SQLite (StoreCandidates.java), side by side.
# Needs a compiled emulator-core (mvn -q -o -pl emulator-core compile).
# Usage: docs/bench/journal.sh [DIR] [seconds per run, default 5]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="${1:-$(mktemp -d)}"
SECONDS_PER_RUN="${2:-5}"
if [ -n "${H2_JAR:-}" ] && [ -n "${SQLITE_JAR:-}" ]; then
  for kind in mvstore sqlite; do
    for writers in 1 8 64; do
      java -cp "$H2_JAR:$SQLITE_JAR" "$ROOT/docs/bench/StoreCandidates.java" "$DIR" $kind write $writers "$SECONDS_PER_RUN" 2>/dev/null
    done
    java -cp "$H2_JAR:$SQLITE_JAR" "$ROOT/docs/bench/StoreCandidates.java" "$DIR" $kind recover 2>/dev/null
  done
fi
CP="$ROOT/emulator-core/target/classes:$HOME/.m2/repository/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar"
java -cp "$CP" "$ROOT/docs/bench/JournalBench.java" "$DIR" "$SECONDS_PER_RUN"
