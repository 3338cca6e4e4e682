#!/usr/bin/env bash
# Start to first 200 and idle RSS of the parking service (embedded store) under the JVM settings
# of its image, in a container of a given memory limit (-XX:MaxRAM stands in for the cgroup
# limit), with and without the AppCDS archive, beside the JVM's defaults. Rounds alternate.
# Usage: bench/service-footprint.sh [rounds] [container-memory, e.g. 256m]
source "$(dirname "$0")/lib.sh"
ROUNDS=${1:-5}
LIMIT=${2:-256m}
ensure_jar
scratch_space
# The image's flags (jib jvmFlags in pom.xml) plus the stand-in for its memory limit.
IMAGE_FLAGS="-XX:MaxRAM=$LIMIT -XX:MaxRAMPercentage=75 -XX:+UseSerialGC -Xss512k -XX:+ExitOnOutOfMemoryError $STARTUP_FLAG"
declare -A SETTINGS=(
  [default]="$SERVICE_JAVA_OPTS"
  [image]="$IMAGE_FLAGS"
  [image+cds]="$IMAGE_FLAGS -XX:SharedArchiveFile=$CDS_ARCHIVE"
)
ORDER=(default image image+cds)
declare -A STARTS RSS
for round in $(seq 1 "$ROUNDS"); do
  for name in "${ORDER[@]}"; do
    port=$(free_port)
    JAVA_OPTS="${SETTINGS[$name]}" start_service "$port" "$WORK/$name-$round" METRICS_PORT="$(free_port)"
    sleep 3
    STARTS[$name]+="$START_MS "
    RSS[$name]+="$(rss_mib "$SERVICE_PID") "
    stop_service
  done
done
for name in "${ORDER[@]}"; do
  echo "$name (${SETTINGS[$name]}): start to first 200 ${STARTS[$name]}ms (median $(tr ' ' '\n' <<<"${STARTS[$name]}" | grep . | median)); idle RSS ${RSS[$name]}MiB (median $(tr ' ' '\n' <<<"${RSS[$name]}" | grep . | median))"
done
