#!/usr/bin/env bash
# The operator jar as its own process, as the chart's ServiceAccount, against the test suite's real
# control plane (testenv/build.sh builds it; TESTENV_BIN names a built one): start-up, create-to-
# Deployment latency, N ParkingApps across 10 namespaces, writes while idle (from the API server's
# audit log), RSS and heap.
# Usage: bench/operator-scale.sh [apps] [idle-seconds]
#   UNRELATED_DEPLOYMENTS=n  n Deployments the operator does not own, created before it starts
#   RECONCILE_THREADS=n      the operator's reconcile threads (default 10)
#   OPERATOR_JAVA_OPTS       extra JVM flags for the operator
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
APPS=${1:-1000}
IDLE=${2:-60}
cd "$ROOT"
TESTENV_BIN=${TESTENV_BIN:-$(testenv/build.sh)}
export TESTENV_BIN
./mvnw -B -q install -DskipTests -pl operator -am
./mvnw -B -q -pl operator test-compile
CP=$(./mvnw -B -q -pl operator dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
java -cp "operator/target/test-classes:operator/target/classes:$CP" \
  dev.parkingoperator.operator.bench.OperatorScaleBench operator/target/parking-operator.jar "$APPS" "$IDLE"
