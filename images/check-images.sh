#!/usr/bin/env bash
# Builds both images to tars (no Docker engine) and checks them: config of each; the parking
# service's image gets its AppCDS archive from a training run inside it, and is run as its
# non-root user (with -Xshare:on, so the archive must map) until its health endpoint answers.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -Pimages package -DskipTests -pl parking-service,operator -am
images/add-cds-layer.py parking-service/target/jib-image.tar dev.parkingoperator.parking.CdsTraining
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
api=$(free_port)
metrics=$(free_port)
images/check-image.py parking-service/target/jib-image.tar dev.parkingoperator.parking.Main "$metrics" 8080 9568 \
  -- PORT="$api" METRICS_PORT="$metrics" HTTP_BIND=127.0.0.1 METRICS_BIND=127.0.0.1 PARKING_DATA_DIR=/tmp/data
images/check-image.py operator/target/jib-image.tar dev.parkingoperator.operator.Main - 8081
