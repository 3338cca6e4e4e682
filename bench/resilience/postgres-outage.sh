#!/usr/bin/env bash
# The local PostgreSQL stopped for 20 s under entry/exit load: requests fail fast with 503 JSON
# (within the pool's 2 s connection timeout), readiness answers 503, both recover by themselves
# once PostgreSQL is back, and every acknowledged ticket and exit is there afterwards.
# Stops and restarts the machine's PostgreSQL cluster: run it where nothing else needs it.
# Usage: bench/resilience/postgres-outage.sh [outage-seconds]
source "$(dirname "$0")/../lib.sh"
OUTAGE=${1:-20}
ensure_jar
WORK=$(mktemp -d)
SCHEMA=outage_$$
CLUSTER=$(ls /etc/postgresql | sort -V | tail -n 1)
pg() { pg_ctlcluster --skip-systemctl-redirect "$CLUSTER" main "$1" ${2:+-m "$2"}; }
cleanup() {
  pg_isready -q -h 127.0.0.1 || pg start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
  stop_service
  [[ -n ${PROBE:-} ]] && kill "$PROBE" 2>/dev/null
  pg_schema_drop "$SCHEMA"
  rm -rf "$WORK"
}
trap cleanup EXIT
pg_schema_create "$SCHEMA"
port=$(free_port); metrics=$(free_port)
base=http://127.0.0.1:$port
start_service "$port" "$WORK/unused" METRICS_PORT="$metrics" \
  PARKING_DB_URL="$(pg_url "$SCHEMA")" PARKING_DB_USERNAME=postgres
create_lot "$base" bench

# readiness every 250 ms: "<ms since start> <status>"
t_start=$(date +%s%N)
( while true; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$metrics/health/ready")
    echo "$(( ($(date +%s%N) - t_start) / 1000000 )) $code"; sleep 0.25
  done ) >"$WORK/ready.log" &
PROBE=$!
total=$((OUTAGE + 20))
python3 "$ROOT/bench/resilience/load.py" --urls "$base" --seconds "$total" --workers 16 \
  --acks "$WORK/acks.txt" >"$WORK/summary.json" &
LOAD=$!
sleep 8
stopped_ms=$(( ($(date +%s%N) - t_start) / 1000000 ))
pg stop fast
echo "PostgreSQL stopped at ${stopped_ms} ms"
sleep "$OUTAGE"
pg start
started_ms=$(( ($(date +%s%N) - t_start) / 1000000 ))
echo "PostgreSQL started at ${started_ms} ms"
wait "$LOAD"
kill "$PROBE"; PROBE=
echo "load: $(cat "$WORK/summary.json")"
awk -v s="$stopped_ms" -v b="$started_ms" '
  $1 > s && $2 == 503 && !down {down = $1; printf "readiness 503 %d ms after the stop\n", $1 - s}
  $1 > b && $2 == 200 && !up {up = $1; printf "readiness 200 again %d ms after PostgreSQL was back\n", $1 - b}
  END {if (!down || !up) {print "readiness did not go down and up"; exit 1}}' "$WORK/ready.log"
curl -s "$base/api/lots/bench" >/dev/null
python3 "$ROOT/bench/resilience/load.py" --urls "$base" --verify "$WORK/acks.txt" || { echo "RESULT: acknowledged writes LOST"; exit 1; }
echo "RESULT: outage of ${OUTAGE} s survived; see the slowest failure above (bound: the 2 s connection timeout)"
