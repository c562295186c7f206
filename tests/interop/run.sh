#!/usr/bin/env bash
# Builds the interop client (Java + Apache Avro + kafka-clients, tests/interop/target/) when its
# sources changed, then runs it with the arguments given; its exit status is this script's.
#   tests/interop/run.sh --bootstrap B --tickets-topic T --decisions-topic D --count N --prefix P --customer C
# Every option also has an INTEROP_* environment variable; run.sh --help lists them.
# Works from any directory; needs the network only for the first Maven fetch (~/.m2).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
jar="$here/target/ticket-router-interop.jar"
mvn_cmd="${MVN:-mvn}"
java_cmd="java"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    java_cmd="$JAVA_HOME/bin/java"
fi

# Rebuild only when the jar is missing or older than the pom or a source file.
needs_build=0
if [[ ! -f "$jar" || ! -d "$here/target/lib" ]]; then
    needs_build=1
elif [[ -n "$(find "$here/pom.xml" "$here/src" -newer "$jar" -print -quit)" ]]; then
    needs_build=1
fi

if (( needs_build )); then
    log="$here/target/build.log"
    mkdir -p "$here/target"
    # Offline first (everything is in ~/.m2 after the first fetch); online only if that fails.
    if ! "$mvn_cmd" -o -q -B -f "$here/pom.xml" package >"$log" 2>&1; then
        echo "run.sh: offline Maven build failed, retrying online" >&2
        if ! "$mvn_cmd" -q -B -f "$here/pom.xml" package >"$log" 2>&1; then
            cat "$log" >&2
            echo "run.sh: FAIL: Maven build of the interop client failed (log: $log)" >&2
            exit 2
        fi
    fi
fi

# The repository's proto/ is the default; a --proto-dir given by the caller comes later and wins.
exec "$java_cmd" -jar "$jar" --proto-dir "${INTEROP_PROTO_DIR:-$repo/proto}" "$@"
