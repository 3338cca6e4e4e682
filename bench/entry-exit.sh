#!/usr/bin/env bash
# Entry+exit pairs per second on the embedded store and on the local PostgreSQL, side by side in
# one run: both services up at once, warmed, then alternating wrk rounds; errors counted.
# Usage: bench/entry-exit.sh [rounds] [seconds-per-round]
#   LOTS=n spreads the entries over n lots (default 1: every write queues on one lot's row)
#   WARMUP_SECONDS=n of load on each service before measuring (default 30)
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
  for id in $(entry_exit_lot_ids); do
    create_lot "http://127.0.0.1:$port" "$id"
  done
}
entry_exit_lots
start embedded
start postgres PARKING_DB_URL="$(pg_url "$SCHEMA")" PARKING_DB_USERNAME=postgres

pairs() { entry_exit_pairs "$1" "$SECONDS_PER_ROUND"; }
warm_entry_exit "$PORT_embedded" "$PORT_postgres"
emb=() pg=() errors=0
for i in $(seq 1 "$ROUNDS"); do
  read -r p e < <(pairs "$PORT_embedded"); emb+=("$p"); errors=$((errors + e))
  read -r q f < <(pairs "$PORT_postgres"); pg+=("$q"); errors=$((errors + f))
  echo "round $i: embedded $p pairs/s ($e errors), PostgreSQL $q pairs/s ($f errors)"
done
echo "median: embedded $(printf '%s\n' "${emb[@]}" | median) pairs/s, PostgreSQL $(printf '%s\n' "${pg[@]}" | median) pairs/s; errors in measured rounds: $errors"
