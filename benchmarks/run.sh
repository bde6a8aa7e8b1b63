#!/usr/bin/env bash
# Side-by-side benchmarks (about 3 minutes on 2 cores). Not part of the tests.
# Writes benchmarks/results/latest.md and latest.json.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! [ -f /usr/include/zmq.h ]; then
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libzmq3-dev >/dev/null
fi
mkdir -p benchmarks/target
gcc -O2 -o benchmarks/target/zmq_bench benchmarks/native/zmq_bench.c -lzmq -lpthread
./mvnw -q -B -ntp install -DskipTests
./mvnw -q -B -ntp -f benchmarks/pom.xml package -DskipTests
java -Xms1g -Xmx1g -Dnative=benchmarks/target/zmq_bench -Dout=benchmarks/results -jar benchmarks/target/zmq-benchmarks.jar
