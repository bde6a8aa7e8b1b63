#!/usr/bin/env bash
# Runs every sample in turn over tcp loopback (see each sample's README).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp install -DskipTests
for sample in quickstart remote-logging pipeline image-pipeline ping-pong secure-ping-pong discovery integration cloud-stream; do
	echo
	echo "=== samples/$sample ==="
	./mvnw -q -B -ntp -pl "samples/$sample" spring-boot:run -Dspring-boot.run.arguments=--spring.main.banner-mode=off
done
