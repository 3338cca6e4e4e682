#!/usr/bin/env bash
# Entry+exit pairs per second on the embedded store and on the local PostgreSQL, side by side in
# one run: both services up at once, warmed, then alternating wrk rounds; errors counted.
# Usage: bench/entry-exit.sh [rounds] [seconds-per-round]
#   LOTS=n spreads the entries over n lots (default 1: every write queues on one lot's row)
#   WARMUP_SECONDS=n of load on each service before measuring (default 30)
# Last, the bare Undertow baseline's req/s shows how fast the machine was during the run.
source "$(dirname "$0")/lib.sh"
need wrk wrk
ROUNDS=${1:-5}
SECONDS_PER_ROUND=${2:-10}
ensure_jar
SCHEMA=bench_$$
scratch_space "$SCHEMA"

start() { # name [env...] -> PORT_<name>, PID_<name>
  local name=$1 port
  shift
  port=$(free_port)
  start_kept "$port" "$WORK/$name" METRICS_PORT="$(free_port)" METRICS_BIND=127.0.0.1 "$@"
  printf -v "PID_$name" %s "$KEPT_PID"
  printf -v "PORT_$name" %s "$port"
  create_entry_exit_lots "http://127.0.0.1:$port"
}
entry_exit_lots
start embedded
start postgres PARKING_DB_URL="$(pg_url "$SCHEMA")" PARKING_DB_USERNAME=postgres

entry_exit_rounds embedded "$PORT_embedded" PostgreSQL "$PORT_postgres"
stop_kept
baseline_speed "$SECONDS_PER_ROUND"
echo "median: embedded $(printf '%s\n' "${PAIRS_A[@]}" | median) pairs/s, PostgreSQL $(printf '%s\n' "${PAIRS_B[@]}" | median) pairs/s; errors in measured rounds: $ERRORS"
echo "machine speed: bare Undertow baseline $BASELINE_RPS req/s (the issue's reference machine: ~100,000)"
