#!/usr/bin/env bash
# Start-up to first 200, idle RSS, and wrk throughput of the parking service on its embedded store.
# Usage: bench/service-basics.sh [rounds]   (JAVA_OPTS passes JVM flags)
source "$(dirname "$0")/lib.sh"
need wrk wrk
ROUNDS=${1:-5}
ensure_jar
SERVICE_PID=
scratch_space

starts=()
for i in $(seq 1 "$ROUNDS"); do
  port=$(free_port)
  start_service "$port" "$WORK/start$i"
  starts+=("$START_MS")
  stop_service
done
echo "start to first 200 (ms), $ROUNDS runs: ${starts[*]}; median $(printf '%s\n' "${starts[@]}" | median)"

port=$(free_port)
start_service "$port" "$WORK/load"
base=http://127.0.0.1:$port
curl -sf -XPOST "$base/api/lots" -H 'content-type: application/json' \
  -d '{"id":"bench","name":"Bench","capacity":100000,"hourlyRateCents":250,"dailyMaxCents":2000}' >/dev/null
sleep 2
echo "idle RSS after start: $(rss_mib "$SERVICE_PID") MiB"

for i in $(seq 1 "$ROUNDS"); do
  wrk -t2 -c64 -d${WRK_SECONDS:-10}s "$base/api/lots/bench" | awk -v r="$i" '/Requests\/sec/ {print "GET /api/lots/{lotId} round " r ": " $2 " req/s"} /Non-2xx/ {print "  errors: " $0}'
  wrk -t2 -c64 -d${WRK_SECONDS:-10}s -s "$ROOT/bench/wrk/entry-exit.lua" "$base" | awk -v r="$i" '/Requests\/sec/ {printf "entry+exit round %s: %.0f pairs/s\n", r, $2/2} /Non-2xx/ {print "  errors: " $0}'
done
echo "RSS after load: $(rss_mib "$SERVICE_PID") MiB"
