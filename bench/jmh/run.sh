#!/usr/bin/env bash
# JMH benchmarks of the telemetry hot path, with allocation counts (-prof gc).
# Usage: bench/jmh/run.sh [jmh options]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
./mvnw -B -q install -DskipTests -pl telemetry,parking-service -am
./mvnw -B -q -f bench/jmh/pom.xml package
java -jar bench/jmh/target/benchmarks.jar -prof gc "$@"
