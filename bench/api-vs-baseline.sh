#!/usr/bin/env bash
# GET /api/lots/{lotId} on the embedded store against a bare Undertow fixed-JSON baseline, side by
# side in one run: start to first 200 (each, several times), then alternating wrk rounds.
# Usage: bench/api-vs-baseline.sh [rounds] [seconds-per-round]
source "$(dirname "$0")/lib.sh"
need wrk wrk
ROUNDS=${1:-5}
SECONDS_PER_ROUND=${2:-10}
ensure_jar
(cd "$ROOT" && ./mvnw -B -q install -DskipTests -pl telemetry,parking-service -am && ./mvnw -B -q -f bench/jmh/pom.xml package)
BASELINE_JAR=$ROOT/bench/jmh/target/benchmarks.jar
WORK=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$WORK"' EXIT

# start_and_time URL COMMAND... -> sets LAST_PID and START_MS (spawn to first 200), in $ROOT
start_and_time() {
  local url=$1
  shift
  local t0 t1
  t0=$(date +%s%N)
  (cd "$ROOT" && exec "$@") >"$WORK/$RANDOM.log" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
  until curl -sf -o /dev/null "$url"; do sleep 0.005; done
  t1=$(date +%s%N)
  START_MS=$(((t1 - t0) / 1000000))
}

base_starts=() svc_starts=()
for i in $(seq 1 3); do
  port=$(free_port)
  start_and_time "http://127.0.0.1:$port/" env PORT="$port" java -cp "$BASELINE_JAR" dev.parkingoperator.bench.BareUndertow
  base_starts+=("$START_MS")
  kill "$LAST_PID"; wait "$LAST_PID" 2>/dev/null || true
  port=$(free_port)
  start_and_time "http://127.0.0.1:$port/api/lots" env PORT="$port" HTTP_BIND=127.0.0.1 METRICS_PORT="$(free_port)" \
    METRICS_BIND=127.0.0.1 PARKING_DATA_DIR="$WORK/s$i" java -XX:SharedArchiveFile="$CDS_ARCHIVE" -jar "$JAR"
  svc_starts+=("$START_MS")
  kill "$LAST_PID"; wait "$LAST_PID" 2>/dev/null || true
done
b=$(printf '%s\n' "${base_starts[@]}" | median); s=$(printf '%s\n' "${svc_starts[@]}" | median)
echo "start to first 200 (ms): baseline ${base_starts[*]} (median $b); service ${svc_starts[*]} (median $s); ratio $(awk -v a="$s" -v b="$b" 'BEGIN {printf "%.2f", a/b}')"

base_port=$(free_port)
PORT=$base_port java -cp "$BASELINE_JAR" dev.parkingoperator.bench.BareUndertow >"$WORK/base.log" 2>&1 &
PIDS+=("$!")
svc_port=$(free_port)
(cd "$ROOT" && PORT=$svc_port HTTP_BIND=127.0.0.1 METRICS_PORT=$(free_port) METRICS_BIND=127.0.0.1 PARKING_DATA_DIR="$WORK/load" \
  exec java -XX:SharedArchiveFile=$CDS_ARCHIVE -jar "$JAR") >"$WORK/svc.log" 2>&1 &
PIDS+=("$!")
until curl -sf -o /dev/null "http://127.0.0.1:$base_port/" && curl -sf -o /dev/null "http://127.0.0.1:$svc_port/api/lots"; do sleep 0.05; done
create_lot "http://127.0.0.1:$svc_port" bench
rps() { wrk -t2 -c64 -d"${SECONDS_PER_ROUND}s" "$1" | awk '/Requests\/sec/ {print $2}'; }
for _ in 1 2; do rps "http://127.0.0.1:$base_port/" >/dev/null; rps "http://127.0.0.1:$svc_port/api/lots/bench" >/dev/null; done
base=() svc=()
for i in $(seq 1 "$ROUNDS"); do
  base+=("$(rps "http://127.0.0.1:$base_port/")")
  svc+=("$(rps "http://127.0.0.1:$svc_port/api/lots/bench")")
  echo "round $i: baseline ${base[-1]} req/s, GET /api/lots/{lotId} ${svc[-1]} req/s"
done
mb=$(printf '%s\n' "${base[@]}" | median); ms=$(printf '%s\n' "${svc[@]}" | median)
echo "median: baseline $mb, service $ms req/s; service/baseline = $(awk -v a="$ms" -v b="$mb" 'BEGIN {printf "%.3f", a/b}')"
