# Shared helpers for the benchmark scripts: start the service jar, wait for its first 200, stop it.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Relative to $ROOT, exactly as the build's AppCDS training run named it, so the archive matches.
JAR=parking-service/target/parking-service.jar
CDS_ARCHIVE=parking-service/target/parking-service.jsa
# The start-up aid of the README's command and the image (startup.jvmFlag in parking-service/pom.xml)
STARTUP_FLAG="-Djava.lang.invoke.MethodHandle.COMPILE_THRESHOLD=100"
# The start-up flags of the README's command (JAVA_OPTS replaces them)
SERVICE_JAVA_OPTS="-XX:SharedArchiveFile=$CDS_ARCHIVE $STARTUP_FLAG"

ensure_jar() {
  [[ -f $ROOT/$JAR ]] || (cd "$ROOT" && ./mvnw -B -q -pl parking-service -am package -DskipTests)
}

# The bare Undertow fixed-JSON baseline (bench/jmh), built when missing
BASELINE_JAR=bench/jmh/target/benchmarks.jar
ensure_baseline_jar() {
  [[ -f $ROOT/$BASELINE_JAR ]] || (cd "$ROOT" && ./mvnw -B -q install -DskipTests -pl telemetry,parking-service -am &&
    ./mvnw -B -q -f bench/jmh/pom.xml package)
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_service PORT DATA_DIR [extra env...] -> sets SERVICE_PID and START_MS (ms to the first 200)
start_service() {
  local port=$1 dir=$2
  shift 2
  local t0
  t0=$(date +%s%N)
  (cd "$ROOT" && exec env PORT="$port" HTTP_BIND=127.0.0.1 PARKING_DATA_DIR="$dir" "$@" \
    java ${JAVA_OPTS-$SERVICE_JAVA_OPTS} -jar "$JAR" >"$dir.log" 2>&1) &
  SERVICE_PID=$!
  wait_first_200 "$t0" "http://127.0.0.1:$port/api/lots"
}

# start_baseline PORT: the bare Undertow baseline, like start_service (SERVICE_PID, START_MS)
start_baseline() {
  local t0
  t0=$(date +%s%N)
  (cd "$ROOT" && PORT=$1 exec java -cp "$BASELINE_JAR" dev.parkingoperator.bench.BareUndertow >/dev/null 2>&1) &
  SERVICE_PID=$!
  wait_first_200 "$t0" "http://127.0.0.1:$1/"
}

# wait_first_200 SPAWN_NANOS URL -> START_MS
wait_first_200() {
  until curl -sf -o /dev/null "$2"; do sleep 0.005; done
  START_MS=$((($(date +%s%N) - $1) / 1000000))
}

# Services that stay up beside each other: start_kept takes start_service's arguments and sets
# KEPT_PID (keep_started does the same for what start_baseline just started); stop_kept, in a
# script's EXIT trap, stops every one of them.
KEPT_PIDS=()
start_kept() {
  start_service "$@"
  keep_started
}
keep_started() {
  KEPT_PID=$SERVICE_PID
  KEPT_PIDS+=("$SERVICE_PID")
  SERVICE_PID=
}
stop_kept() {
  local p
  for p in "${KEPT_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${KEPT_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  KEPT_PIDS=()
}

stop_service() {
  [[ -n ${SERVICE_PID:-} ]] || return 0
  kill -TERM "$SERVICE_PID" 2>/dev/null || true
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=
}

rss_mib() {
  awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"
}

# CPU time (user+system) a process has used, in milliseconds
cpu_ms() {
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / hz}' "/proc/$1/stat"
}

# ratio X Y [DECIMALS]: X / Y, 3 decimals unless told
ratio() {
  awk -v x="$1" -v y="$2" -v d="${3:-3}" 'BEGIN {printf "%.*f\n", d, x / y}'
}

median() {
  sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}

# create_lot BASE_URL ID [CAPACITY]: a lot with the benches' tariff
# entry_exit_pairs PORT SECONDS -> "pairs/s errors" for one wrk round of bench/wrk/entry-exit.lua
# (errors: non-2xx answers plus socket errors)
entry_exit_pairs() {
  wrk -t2 -c64 -d"$2s" -s "$ROOT/bench/wrk/entry-exit.lua" "http://127.0.0.1:$1" | awk '
    /Requests\/sec/ {rps = $2}
    /Non-2xx/ {errors += $NF}
    /Socket errors/ {gsub(/,/, ""); errors += $4 + $6 + $8 + $10}
    END {printf "%.0f %d\n", rps / 2, errors}'
}

# requests_per_second URL SECONDS: wrk -t2 -c64 GETs of URL
requests_per_second() {
  wrk -t2 -c64 -d"$2s" "$1" | awk '/Requests\/sec/ {print $2}'
}

# baseline_speed SECONDS -> BASELINE_RPS: the bare Undertow baseline's req/s on this machine now
# (the issue's reference machine: ~100,000), to read absolute figures measured in the same run
baseline_speed() {
  ensure_baseline_jar
  local port
  port=$(free_port)
  start_baseline "$port"
  requests_per_second "http://127.0.0.1:$port/" "$1" >/dev/null
  BASELINE_RPS=$(requests_per_second "http://127.0.0.1:$port/" "$1")
  stop_service
}

# warm_entry_exit PORT...: WARMUP_SECONDS (default 30) of entry+exit load on each service first;
# the JIT needs 20-30 s of it before the rate settles (docs/benchmarks.md)
warm_entry_exit() {
  local port
  for port in "$@"; do entry_exit_pairs "$port" "${WARMUP_SECONDS:-30}" >/dev/null; done
}

create_lot() {
  curl -sf -XPOST "$1/api/lots" -H 'content-type: application/json' \
    -d '{"id":"'"$2"'","name":"Bench","capacity":'"${3:-100000}"',"hourlyRateCents":250}' >/dev/null
}

# A schema of its own on the local PostgreSQL (127.0.0.1:5432, database test), and its removal
pg_schema_create() { psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $1" >/dev/null; }
pg_schema_drop() { psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $1 CASCADE" >/dev/null 2>&1 || true; }
pg_url() { echo "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$1"; }

# scratch_space [SCHEMA...]: sets WORK to a new scratch directory and creates those PostgreSQL
# schemas; when the script exits, its services (start_service, start_kept) are stopped, the
# schemas dropped and WORK removed.
SCRATCH_SCHEMAS=()
scratch_space() {
  WORK=$(mktemp -d)
  SCRATCH_SCHEMAS=("$@")
  trap clean_scratch_space EXIT
  local schema
  for schema in "$@"; do pg_schema_create "$schema"; done
}
clean_scratch_space() {
  stop_service
  stop_kept
  local schema
  for schema in "${SCRATCH_SCHEMAS[@]}"; do pg_schema_drop "$schema"; done
  rm -rf "$WORK"
}

# The lots bench/wrk/entry-exit.lua spreads its load over: LOTS=n (n > 1) gives bench-1..bench-n,
# otherwise the one lot "bench". entry_exit_lots exports LOTS as the Lua script reads it.
entry_exit_lots() {
  if ((${LOTS:-1} <= 1)); then unset LOTS; fi
  export LOTS
}
entry_exit_lot_ids() { if ((${LOTS:-1} > 1)); then seq -f "bench-%g" 1 "$LOTS"; else echo bench; fi; }
create_entry_exit_lots() { # BASE_URL
  local id
  for id in $(entry_exit_lot_ids); do create_lot "$1" "$id"; done
}

# entry_exit_rounds LABEL_A PORT_A LABEL_B PORT_B: both services warmed, then ROUNDS alternating
# rounds of SECONDS_PER_ROUND, each printed; sets PAIRS_A, PAIRS_B (pairs/s per round) and ERRORS
entry_exit_rounds() {
  local i p e q f
  warm_entry_exit "$2" "$4"
  PAIRS_A=() PAIRS_B=() ERRORS=0
  for i in $(seq 1 "$ROUNDS"); do
    read -r p e < <(entry_exit_pairs "$2" "$SECONDS_PER_ROUND"); PAIRS_A+=("$p"); ERRORS=$((ERRORS + e))
    read -r q f < <(entry_exit_pairs "$4" "$SECONDS_PER_ROUND"); PAIRS_B+=("$q"); ERRORS=$((ERRORS + f))
    echo "round $i: $1 $p pairs/s ($e errors), $3 $q pairs/s ($f errors)"
  done
}

# need COMMAND PACKAGE: stop with the Debian package to install when a tool is missing
need() { command -v "$1" >/dev/null 2>&1 || { echo "bench: $1 not found; install it: apt-get install -y $2" >&2; exit 1; }; }
