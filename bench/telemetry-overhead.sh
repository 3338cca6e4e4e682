#!/usr/bin/env bash
# Telemetry cost, side by side in one run: GET /api/lots/{lotId} with metrics on and with
# METRICS_ENABLED=false, alternating rounds; then the time to serve /metrics with 100 lots (a new
# connection per scrape, and over one kept-alive connection as Prometheus scrapes).
# Usage: bench/telemetry-overhead.sh [rounds] [seconds-per-round] [process-pairs]
#   CONTROL=1 runs the "off" service with metrics on too: the ratio two identical services reach
#   is this machine's noise floor for the comparison.
source "$(dirname "$0")/lib.sh"
need wrk wrk
ROUNDS=${1:-5}
SECONDS_PER_ROUND=${2:-10}
PAIRS=${3:-1}
ensure_jar
scratch_space

start() { # name metrics_enabled -> sets PID_<name>, PORT_<name>, METRICS_<name>
  local port metrics
  port=$(free_port)
  metrics=$(free_port)
  start_kept "$port" "$WORK/$1-$pair" METRICS_PORT="$metrics" METRICS_BIND=127.0.0.1 METRICS_ENABLED="$2"
  printf -v "PID_$1" %s "$KEPT_PID"
  printf -v "PORT_$1" %s "$port"
  printf -v "METRICS_$1" %s "$metrics"
  create_lot "http://127.0.0.1:$port" bench
}

# rps PORT PID -> "requests/s cpu-µs-per-request" for one wrk round
rps() {
  local before after out
  before=$(cpu_ms "$2")
  out=$(wrk -t2 -c64 -d"${SECONDS_PER_ROUND}s" "http://127.0.0.1:$1/api/lots/bench")
  after=$(cpu_ms "$2")
  echo "$out" | awk -v cpu="$((after - before))" '/requests in/ {n=$1} /Requests\/sec/ {printf "%s %.1f\n", $2, cpu*1000/n}'
}

# Each pair is two fresh JVMs: one JVM's JIT can land a few per cent off another's, so a single
# pair of processes cannot tell a 3 % difference; the median over pairs can.
on=() off=() on_cpu=() off_cpu=() tput_ratios=() cpu_ratios=() pair_ratios=()
for pair in $(seq 1 "$PAIRS"); do
  if ((pair > 1)); then stop_kept; fi
  start on true
  if [[ -n ${CONTROL:-} ]]; then start off true; else start off false; fi
  # warm both JITs before measuring (two rounds each)
  for _ in 1 2; do rps "$PORT_on" "$PID_on" >/dev/null; rps "$PORT_off" "$PID_off" >/dev/null; done
  this_pair=()
  for i in $(seq 1 "$ROUNDS"); do
    read -r r c < <(rps "$PORT_on" "$PID_on"); on+=("$r"); on_cpu+=("$c")
    read -r r c < <(rps "$PORT_off" "$PID_off"); off+=("$r"); off_cpu+=("$c")
    tput_ratios+=("$(ratio "${on[-1]}" "${off[-1]}" 4)"); cpu_ratios+=("$(ratio "${on_cpu[-1]}" "${off_cpu[-1]}" 4)")
    this_pair+=("${tput_ratios[-1]}")
    echo "pair $pair round $i: metrics on ${on[-1]} req/s (${on_cpu[-1]} µs CPU/req), off ${off[-1]} req/s (${off_cpu[-1]} µs CPU/req)"
  done
  pair_ratios+=("$(printf '%s\n' "${this_pair[@]}" | median)")
done
m_on=$(printf '%s\n' "${on[@]}" | median)
m_off=$(printf '%s\n' "${off[@]}" | median)
c_on=$(printf '%s\n' "${on_cpu[@]}" | median)
c_off=$(printf '%s\n' "${off_cpu[@]}" | median)
below=$(printf '%s\n' "${pair_ratios[@]}" | awk '$1 < 1' | wc -l)
echo "median: on $m_on, off $m_off req/s; on/off = $(ratio "$m_on" "$m_off" 4)"
echo "median CPU per request: on $c_on µs, off $c_off µs; on/off = $(ratio "$c_on" "$c_off" 4)"
# Rounds alternate, so each pair of rounds saw the same moment of a noisy machine: the median of
# the per-round ratios is the steadier figure.
echo "median of per-round ratios: throughput on/off $(printf '%s\n' "${tput_ratios[@]}" | median), CPU per request on/off $(printf '%s\n' "${cpu_ratios[@]}" | median)"
echo "per pair of processes, median throughput on/off: ${pair_ratios[*]} (median $(printf '%s\n' "${pair_ratios[@]}" | median); on slower in $below of $PAIRS pairs)"

# /metrics with 100 lots, each with some traffic so every per-lot series exists
for n in $(seq 1 100); do
  curl -sf -XPOST "http://127.0.0.1:$PORT_on/api/lots" -H 'content-type: application/json' \
    -d "{\"id\":\"lot-$n\",\"name\":\"Lot $n\",\"capacity\":50,\"hourlyRateCents\":100}" >/dev/null
  t=$(curl -sf -XPOST "http://127.0.0.1:$PORT_on/api/lots/lot-$n/entries" -H 'content-type: application/json' -d '{"plate":"X1"}' |
    sed 's/.*"ticketId":"\([^"]*\)".*/\1/')
  curl -sf -XPOST "http://127.0.0.1:$PORT_on/api/tickets/$t/exit" >/dev/null
  curl -sf -XPOST "http://127.0.0.1:$PORT_on/api/lots/lot-$n/entries" -H 'content-type: application/json' -d '{"plate":"X1"}' >/dev/null
  curl -s -XPOST "http://127.0.0.1:$PORT_on/api/lots/lot-$n/entries" -H 'content-type: application/json' -d '{"plate":"X1"}' >/dev/null
done
url="http://127.0.0.1:$METRICS_on/metrics"
for _ in $(seq 1 500); do curl -s -o /dev/null "$url"; done # warm-up: let the JIT compile the exposition path
times=$(for _ in $(seq 1 200); do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done | awk '{print $1*1000}')
echo "/metrics with 100 lots: $(curl -s "$url" | wc -l) lines, $(curl -s "$url" | wc -c) bytes; median $(echo "$times" | median) ms over 200 scrapes (curl time_total, a new connection each)"
# Prometheus keeps its scrape connection open: one wrk connection, one scrape at a time, the same way
echo "/metrics over one kept-alive connection: median $(wrk -t1 -c1 -d5s --latency "$url" | awk '$1 == "50%" {print $2}') (wrk -t1 -c1 -d5s)"
