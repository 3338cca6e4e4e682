#!/usr/bin/env bash
# Start to first 200 of this checkout's service against another build (or other JVM flags), with
# the bare Undertow baseline started in the same rounds: baseline, other, this, alternating.
# Usage: bench/start-vs-build.sh OTHER_ROOT [rounds]
#   OTHER_ROOT holds parking-service/target/parking-service.{jar,jsa}; pass this checkout's root
#   with OTHER_JAVA_OPTS / THIS_JAVA_OPTS to compare JVM flags on one build.
source "$(dirname "$0")/lib.sh"
OTHER_ROOT=$(cd "${1:?usage: $0 OTHER_ROOT [rounds]}" && pwd)
ROUNDS=${2:-9}
ensure_jar
[[ -f $OTHER_ROOT/$JAR ]] || { echo "no $JAR under $OTHER_ROOT" >&2; exit 2; }
ensure_baseline_jar
scratch_space

service_start() { # root java-opts dir -> START_MS
  ROOT=$1 JAVA_OPTS=$2 start_service "$(free_port)" "$3" METRICS_PORT="$(free_port)" METRICS_BIND=127.0.0.1
  stop_service
}
base=() other=() this=() faster=0
for i in $(seq 1 "$ROUNDS"); do
  start_baseline "$(free_port)"; base+=("$START_MS"); stop_service
  service_start "$OTHER_ROOT" "${OTHER_JAVA_OPTS-$SERVICE_JAVA_OPTS}" "$WORK/other-$i"; other+=("$START_MS")
  service_start "$ROOT" "${THIS_JAVA_OPTS-$SERVICE_JAVA_OPTS}" "$WORK/this-$i"; this+=("$START_MS")
  ((this[-1] < other[-1])) && faster=$((faster + 1))
  echo "round $i: baseline ${base[-1]} ms, other ${other[-1]} ms, this ${this[-1]} ms"
done
mb=$(printf '%s\n' "${base[@]}" | median)
mo=$(printf '%s\n' "${other[@]}" | median)
mt=$(printf '%s\n' "${this[@]}" | median)
echo "median ms: baseline $mb, other $mo ($(ratio "$mo" "$mb")× baseline), this $mt ($(ratio "$mt" "$mb")× baseline); this/other $(ratio "$mt" "$mo"), this faster in $faster of $ROUNDS rounds"
