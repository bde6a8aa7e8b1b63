#!/usr/bin/env bash
# Side-by-side benchmarks (about 100-150 s on 2 cores with scenario 6b and 3 warm-up trials, plus the build). Not part of the tests.
# Writes benchmarks/results/latest.md and latest.json. See benchmarks/README.md.
#   BENCH_OPTS  extra -D options for the runner, e.g. "-Donly=1,4 -Drounds=3 -Dscale=0.5"
#   JAVA_OPTS   extra JVM options, e.g. "-XX:StartFlightRecording=filename=/tmp/bench.jfr"
#   SKIP_BUILD=1  reuse the jar and the native binary from the last run
#   MVN_OPTS    extra Maven options, e.g. "-Dmaven.repo.local=/tmp/m2" to keep the install private
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
	if ! [ -f /usr/include/zmq.h ]; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc libzmq3-dev >/dev/null
	fi
	# shellcheck disable=SC2086
	./mvnw -q -B -ntp ${MVN_OPTS:-} install -DskipTests
	# clean: without it Maven keeps the last jar when only the library changed (the jar
	# would run the old library); it empties benchmarks/target, so the C side comes after
	# shellcheck disable=SC2086
	./mvnw -q -B -ntp ${MVN_OPTS:-} -f benchmarks/pom.xml clean package -DskipTests
	gcc -O2 -o benchmarks/target/zmq_bench benchmarks/native/zmq_bench.c -lzmq -lpthread
fi
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
# shellcheck disable=SC2086
exec java -Xms1g -Xmx1g ${JAVA_OPTS:-} -Dnative=benchmarks/target/zmq_bench -Dout=benchmarks/results \
	-Dcommit="$commit" ${BENCH_OPTS:-} -jar benchmarks/target/zmq-benchmarks.jar
