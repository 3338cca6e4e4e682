#!/usr/bin/env bash
# SIGTERM to the parking service under entry/exit load: requests in flight finish, new ones are
# refused cleanly (503 with Connection: close while draining, then connection refused), none in
# flight breaks, the process exits 0, and everything acknowledged is there after a restart.
# A client that keeps retrying against the stopping server may still meet its listener closing
# ("broken" after the first refusal): that request was never in flight.
# Usage: bench/resilience/sigterm-under-load.sh [seconds] [rounds]
source "$(dirname "$0")/../lib.sh"
SECONDS_TOTAL=${1:-10}
ROUNDS=${2:-3}
ensure_jar
scratch_space
port=$(free_port)
base=http://127.0.0.1:$port
failed=0
for round in $(seq 1 "$ROUNDS"); do
  start_service "$port" "$WORK/data" METRICS_PORT="$(free_port)"
  create_lot "$base" bench || true # exists after the first round
  python3 "$ROOT/bench/resilience/load.py" --urls "$base" --seconds "$SECONDS_TOTAL" --workers 32 \
    --acks "$WORK/acks$round.txt" >"$WORK/summary$round.json" &
  load=$!
  sleep "$(awk -v s="$SECONDS_TOTAL" 'BEGIN {print s / 2}')"
  kill -TERM "$SERVICE_PID"
  status=0; wait "$SERVICE_PID" || status=$?
  SERVICE_PID=
  wait "$load"
  broken=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["broken_in_flight"])' "$WORK/summary$round.json")
  echo "round $round: exit status $status, requests broken in flight $broken; load: $(cat "$WORK/summary$round.json")"
  if [[ $status != 0 || $broken != 0 ]]; then failed=1; fi
done
start_service "$port" "$WORK/data" METRICS_PORT="$(free_port)"
cat "$WORK"/acks*.txt >"$WORK/all-acks.txt"
python3 "$ROOT/bench/resilience/load.py" --urls "$base" --verify "$WORK/all-acks.txt" || failed=1
if ((failed)); then echo "RESULT: FAILED"; exit 1; fi
echo "RESULT: $ROUNDS SIGTERMs under load: exit 0, no request broken in flight, every acknowledgement kept"
