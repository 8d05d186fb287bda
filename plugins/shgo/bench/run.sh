#!/usr/bin/env bash
# Benchmark of the shgo optimizer: wall time per solve after warm-up, Java and (when available)
# SciPy on the same machine in the same run. Usage, from anywhere:
#   plugins/shgo/bench/run.sh [warm-up seconds] [measured seconds]
# Environment: MVN_FLAGS (e.g. -o for offline builds), PYTHON (default python3).
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
module="$(cd "$bench/.." && pwd)"
root="$(cd "$module/../.." && pwd)"
cd "$root"
mvn -B -q ${MVN_FLAGS:-} -pl plugins/shgo package -DskipTests
mvn -B -q ${MVN_FLAGS:-} -pl plugins/shgo dependency:build-classpath \
  -Dmdep.includeScope=compile -Dmdep.outputFile="$module/target/bench.classpath"
cp="$module/target/classes:$(cat "$module/target/bench.classpath")"
mkdir -p "$module/target/bench-classes"
javac -d "$module/target/bench-classes" -cp "$cp" "$bench/ShgoBench.java"
echo "== Java (nnx shgo) =="
java -cp "$module/target/bench-classes:$cp" org.nnx.shgo.bench.ShgoBench "$@"
python="${PYTHON:-python3}"
if "$python" -c "import scipy" 2>/dev/null; then
  echo "== SciPy =="
  "$python" "$bench/scipy_bench.py" "$@"
else
  echo "== SciPy: not available to $python; skipped =="
fi
