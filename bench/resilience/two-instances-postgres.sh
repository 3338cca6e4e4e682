#!/usr/bin/env bash
# Two parking-service instances on one PostgreSQL schema under sustained load on one small lot:
# the lot never holds more cars than its capacity, and its occupancy always equals its parked
# tickets. Occupancy is sampled by SQL throughout; the load parks and exits through both.
# Usage: bench/resilience/two-instances-postgres.sh [seconds] [capacity]
source "$(dirname "$0")/../lib.sh"
SECONDS_TOTAL=${1:-30}
CAPACITY=${2:-20}
ensure_jar
SCHEMA=twin_$$
sql() { psql -qtAX -h 127.0.0.1 -U postgres -d test -c "SET search_path TO $SCHEMA; $1"; }
scratch_space "$SCHEMA"
urls=()
for name in one two; do
  port=$(free_port)
  start_kept "$port" "$WORK/$name" METRICS_PORT="$(free_port)" \
    PARKING_DB_URL="$(pg_url "$SCHEMA")" PARKING_DB_USERNAME=postgres
  urls+=("http://127.0.0.1:$port")
done
create_lot "${urls[0]}" small "$CAPACITY"

python3 "$ROOT/bench/resilience/load.py" --urls "${urls[0]},${urls[1]}" --lot small \
  --seconds "$SECONDS_TOTAL" --workers 32 >"$WORK/summary.json" &
LOAD=$!
samples=0 worst=0 mismatches=0
while kill -0 "$LOAD" 2>/dev/null; do
  # one snapshot: the counter and the parked tickets it must equal
  read -r occupied parked < <(sql "SELECT l.occupied, (SELECT count(*) FROM tickets t WHERE t.lot_id = l.id AND t.exited_at IS NULL) FROM lots l WHERE l.id = 'small'" | tr '|' ' ')
  samples=$((samples + 1))
  ((parked > worst)) && worst=$parked
  ((occupied != parked)) && mismatches=$((mismatches + 1))
  sleep 0.1
done
wait "$LOAD"
echo "load: $(cat "$WORK/summary.json")"
echo "capacity $CAPACITY: $samples samples, most parked $worst, occupancy/ticket mismatches $mismatches"
if ((worst > CAPACITY || mismatches > 0)); then echo "RESULT: FAILED"; exit 1; fi
echo "RESULT: never above capacity, occupancy always equal to parked tickets"
