#!/usr/bin/env bash
# Training throughput of the dl4j plugin on MNIST (see README.md). Usage, from anywhere:
#   plugins/dl4j/bench/run.sh [repeats]
# Needs MNIST in ~/.cache/nnx (./nnx data fetch mnist). Environment: MVN_FLAGS (e.g. -o for
# offline builds), JAVA_OPTS (extra JVM options).
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
module="$(cd "$bench/.." && pwd)"
root="$(cd "$module/../.." && pwd)"
cd "$root"
mvn -B -q ${MVN_FLAGS:-} -pl plugins/dl4j test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$module/target/bench.classpath"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec java ${JAVA_OPTS:-} -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")" \
  org.nnx.dl4j.TrainingBenchmark "$@"
