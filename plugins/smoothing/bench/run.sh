#!/usr/bin/env bash
# Certification throughput of patch_certificate against PyTorch in the same run (see README.md).
# Usage, from anywhere: plugins/smoothing/bench/run.sh [images]   (default 1000)
# Needs MNIST in ~/.cache/nnx (./nnx data fetch mnist); the PyTorch peer needs Debian's
# python3-torch with OpenBLAS (apt-get install python3-torch libopenblas0-pthread) and is skipped
# without it. Environment: MVN_FLAGS (e.g. -o for offline builds), JAVA_OPTS.
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/../../.." && pwd)"
cd "$root"
images="${1:-1000}"
mvn -B -q ${MVN_FLAGS:-} -pl examples -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$root/examples/target/bench.classpath" >/dev/null
cp="$root/examples/target/test-classes:$(cat "$root/examples/target/bench.classpath")"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
echo "== nnx =="
java ${JAVA_OPTS:-} -cp "$cp" org.nnx.examples.bench.CertificationBenchmark "$images" "$root" 2>/dev/null | grep -v "^\["
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "== PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') =="
  /usr/bin/python3 "$bench/torch_certify.py" "$root" "$images"
else
  echo "== PyTorch: python3-torch is not installed; skipped =="
fi
