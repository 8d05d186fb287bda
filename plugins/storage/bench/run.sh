#!/usr/bin/env bash
# Draws per second of stored_accuracy for the MNIST MLP on the full test set (see ../README.md).
# Usage, from anywhere: plugins/storage/bench/run.sh [draws]   (default 10)
# Needs MNIST in ~/.cache/nnx (./nnx data fetch mnist). Environment: MVN_FLAGS (e.g. -o for offline
# builds), JAVA_OPTS.
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/../../.." && pwd)"
cd "$root"
draws="${1:-10}"
mvn -B -q ${MVN_FLAGS:-} -pl examples -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$root/examples/target/bench.classpath" >/dev/null
cp="$root/examples/target/test-classes:$(cat "$root/examples/target/bench.classpath")"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
java ${JAVA_OPTS:-} -cp "$cp" org.nnx.examples.bench.StorageBenchmark "$draws" "$root" 2>/dev/null | grep -v "^\["
