#!/usr/bin/env bash
# Entry+exit pairs per second on PostgreSQL: this checkout's build against another build of the
# service, both up at once on their own schemas, alternating wrk rounds on one lot (LOTS=n: n lots).
# STORE=embedded compares the two on their embedded stores instead; OTHER_JAVA_OPTS / THIS_JAVA_OPTS
# compare JVM flags (OTHER_ROOT may then be this checkout).
# Usage: bench/entry-exit-vs-build.sh OTHER_ROOT [rounds] [seconds-per-round]
#   OTHER_ROOT holds parking-service/target/parking-service.{jar,jsa}, e.g. a worktree of an older
#   commit built with ./mvnw -q package -DskipTests -pl parking-service -am
source "$(dirname "$0")/lib.sh"
need wrk wrk
OTHER_ROOT=$(cd "${1:?usage: $0 OTHER_ROOT [rounds] [seconds]}" && pwd)
ROUNDS=${2:-5}
SECONDS_PER_ROUND=${3:-6}
ensure_jar
[[ -f $OTHER_ROOT/$JAR ]] || { echo "no $JAR under $OTHER_ROOT" >&2; exit 2; }
if [[ ${STORE:-postgres} == embedded ]]; then scratch_space; else scratch_space "other_$$" "this_$$"; fi
entry_exit_lots

start() { # root schema java-opts -> STARTED_PORT
  local root=$1 schema=$2 port
  port=$(free_port)
  local database=(PARKING_DB_URL="$(pg_url "$schema")" PARKING_DB_USERNAME=postgres)
  [[ ${STORE:-postgres} == embedded ]] && database=()
  ROOT=$root JAVA_OPTS=$3 start_kept "$port" "$WORK/$schema" METRICS_PORT="$(free_port)" METRICS_BIND=127.0.0.1 "${database[@]}"
  create_entry_exit_lots "http://127.0.0.1:$port"
  STARTED_PORT=$port
}
start "$OTHER_ROOT" "other_$$" "${OTHER_JAVA_OPTS-$SERVICE_JAVA_OPTS}"; other=$STARTED_PORT
start "$ROOT" "this_$$" "${THIS_JAVA_OPTS-$SERVICE_JAVA_OPTS}"; this=$STARTED_PORT

entry_exit_rounds "other build" "$other" "this build" "$this"
ma=$(printf '%s\n' "${PAIRS_A[@]}" | median); mb=$(printf '%s\n' "${PAIRS_B[@]}" | median)
echo "median: other $ma, this $mb pairs/s; this/other = $(ratio "$mb" "$ma" 2); errors: $ERRORS"
