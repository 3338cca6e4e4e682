#!/usr/bin/env bash
# kill -9 of the parking service (embedded store) under sustained entry/exit load, then a restart
# on the same data: every ticket and exit acknowledged before the kill must be there afterwards.
# Usage: bench/resilience/service-kill9.sh [seconds] [kills]
source "$(dirname "$0")/../lib.sh"
SECONDS_TOTAL=${1:-40}
KILLS=${2:-3}
ensure_jar
scratch_space
port=$(free_port)
base=http://127.0.0.1:$port
start_service "$port" "$WORK/data" METRICS_PORT="$(free_port)"
create_lot "$base" bench

python3 "$ROOT/bench/resilience/load.py" --urls "$base" --seconds "$SECONDS_TOTAL" --workers 16 \
  --acks "$WORK/acks.txt" >"$WORK/summary.json" &
LOAD=$!
interval=$(awk -v s="$SECONDS_TOTAL" -v k="$KILLS" 'BEGIN {print s / (k + 1)}')
for i in $(seq 1 "$KILLS"); do
  sleep "$interval"
  kill -9 "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
  t0=$(date +%s%N)
  start_service "$port" "$WORK/data" METRICS_PORT="$(free_port)"
  echo "kill -9 #$i: restarted and answering after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
done
wait "$LOAD"
echo "load: $(cat "$WORK/summary.json")"
if python3 "$ROOT/bench/resilience/load.py" --urls "$base" --verify "$WORK/acks.txt"; then
  echo "RESULT: every acknowledged ticket and exit survived $KILLS kills"
else
  echo "RESULT: acknowledged writes LOST"; exit 1
fi
