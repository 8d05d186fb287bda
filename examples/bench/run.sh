#!/usr/bin/env bash
# Benchmarks of the co-design search of examples/flash.nnx (predictor and hardware model given) and of
# one SHGO solve of each search block of examples/shgo-scipy.nnx and examples/shgo-eggholder.nnx, the
# Java ones after warm-up in one JVM; then the same search problems with SciPy's shgo when python3 has
# SciPy (the project does not depend on Python). Usage, from anywhere:
#   examples/bench/run.sh [warm-up seconds] [measured seconds]      (default 3 and 5 per case)
# Environment: MVN_FLAGS (e.g. -o for offline builds), PYTHON (default python3).
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/../.." && pwd)"
cd "$root"
# one reactor build, so that the classpath names the modules' target/classes, not installed jars
mvn -B -q ${MVN_FLAGS:-} -pl examples -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$root/examples/target/bench.classpath" >/dev/null
cp="$root/examples/target/test-classes:$(cat "$root/examples/target/bench.classpath")"
echo "== Java (nnx) =="
java -cp "$cp" org.nnx.examples.bench.CodesignBenchmark "${1:-3}" "${2:-5}" "$root"
python="${PYTHON:-python3}"
if "$python" -c "import scipy" 2>/dev/null; then
  echo "== SciPy $("$python" -c 'import scipy; print(scipy.__version__)') =="
  "$python" "$bench/scipy_searches.py" "${1:-3}" "${2:-5}"
else
  echo "== SciPy: not available to $python; skipped =="
fi
