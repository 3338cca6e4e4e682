#!/usr/bin/env bash
# GET /api/lots/{lotId} on the embedded store against a bare Undertow fixed-JSON baseline, side by
# side in one run: start to first 200 (each, several times), then alternating wrk rounds.
# Usage: bench/api-vs-baseline.sh [rounds] [seconds-per-round]
source "$(dirname "$0")/lib.sh"
need wrk wrk
ROUNDS=${1:-5}
SECONDS_PER_ROUND=${2:-10}
ensure_jar
ensure_baseline_jar
scratch_space

base_starts=() svc_starts=()
for i in $(seq 1 3); do
  start_baseline "$(free_port)"; base_starts+=("$START_MS"); stop_service
  start_service "$(free_port)" "$WORK/s$i" METRICS_PORT="$(free_port)" METRICS_BIND=127.0.0.1
  svc_starts+=("$START_MS"); stop_service
done
b=$(printf '%s\n' "${base_starts[@]}" | median); s=$(printf '%s\n' "${svc_starts[@]}" | median)
echo "start to first 200 (ms): baseline ${base_starts[*]} (median $b); service ${svc_starts[*]} (median $s); ratio $(ratio "$s" "$b" 2)"

base_port=$(free_port)
start_baseline "$base_port"; keep_started
svc_port=$(free_port)
start_kept "$svc_port" "$WORK/load" METRICS_PORT="$(free_port)" METRICS_BIND=127.0.0.1
create_lot "http://127.0.0.1:$svc_port" bench
rps() { requests_per_second "$1" "$SECONDS_PER_ROUND"; }
for _ in 1 2; do rps "http://127.0.0.1:$base_port/" >/dev/null; rps "http://127.0.0.1:$svc_port/api/lots/bench" >/dev/null; done
base=() svc=()
for i in $(seq 1 "$ROUNDS"); do
  base+=("$(rps "http://127.0.0.1:$base_port/")")
  svc+=("$(rps "http://127.0.0.1:$svc_port/api/lots/bench")")
  echo "round $i: baseline ${base[-1]} req/s, GET /api/lots/{lotId} ${svc[-1]} req/s"
done
mb=$(printf '%s\n' "${base[@]}" | median); ms=$(printf '%s\n' "${svc[@]}" | median)
echo "median: baseline $mb, service $ms req/s; service/baseline = $(ratio "$ms" "$mb")"
