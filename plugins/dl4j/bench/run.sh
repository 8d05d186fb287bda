#!/usr/bin/env bash
# Training throughput of the dl4j plugin on MNIST against PyTorch in the same run (see README.md).
# Usage, from anywhere:
#   plugins/dl4j/bench/run.sh [repeats [all|dense|mlp|cnn|resnet|resnet20|stock [batch]]]
#   plugins/dl4j/bench/run.sh phases [steps [all|dense|mlp|cnn|resnet|resnet20 [batch]]]
# Needs MNIST in ~/.cache/nnx (./nnx data fetch mnist) and, for the PyTorch peer, Debian's
# python3-torch with OpenBLAS (apt-get install python3-torch libopenblas0-pthread; without torch only
# nnx is measured; with Debian's reference BLAS, PyTorch's dense layers are ten times slower than
# with OpenBLAS, which ND4J uses, so the script warns). Environment:
# MVN_FLAGS (e.g. -o for offline builds), JAVA_OPTS (extra JVM options), CNN_SAMPLES (training
# images per CNN epoch, default 10000).
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
module="$(cd "$bench/.." && pwd)"
root="$(cd "$module/../.." && pwd)"
cd "$root"
if [ "${1:-}" = phases ]; then
  mode=phases
  shift
fi
repeats="${1:-3}"
which="${2:-all}"
batches="${3:-64,128}"
cnn_samples="${CNN_SAMPLES:-10000}"
mvn -B -q ${MVN_FLAGS:-} -pl plugins/dl4j test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$module/target/bench.classpath"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# the Vector API's module, as the nnx launcher's training commands have it (the batch norm's loops)
vector="--add-modules jdk.incubator.vector"
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")"
if [ "${mode:-}" = phases ]; then
  exec java $vector ${JAVA_OPTS:-} -Dnnx.repository.root="$root" -cp "$classpath" org.nnx.dl4j.StepPhases "${1:-40}" "$which" \
    "${3:-64}"
fi
if [ "$which" = stock ]; then
  exec java $vector ${JAVA_OPTS:-} -cp "$classpath" org.nnx.dl4j.TrainingBenchmark "$repeats" stock ${3:-}
fi
nnx_out="$module/target/bench-nnx.tsv"
torch_out="$module/target/bench-torch.tsv"
rm -f "$nnx_out" "$torch_out"
for batch in ${batches//,/ }; do
  java $vector ${JAVA_OPTS:-} -Dbench.out="$nnx_out.$batch" -Dbench.cnn_samples="$cnn_samples" -Dnnx.repository.root="$root" \
    -cp "$classpath" org.nnx.dl4j.TrainingBenchmark "$repeats" "$which" "$batch"
done
cat "$nnx_out".* | awk 'NR == 1 || !/^network/' > "$nnx_out"; rm -f "$nnx_out".*
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  blas="$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)"
  case "$blas" in
    *openblas*) ;;
    *) echo "bench: warning: PyTorch's BLAS is $blas, not OpenBLAS (apt-get install libopenblas0-pthread)" >&2 ;;
  esac
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$bench/torch_peer.py" "$repeats" "$which" "$batches" "$cnn_samples" "$torch_out"
  /usr/bin/python3 - "$nnx_out" "$torch_out" <<'PY'
import sys
def read(path):
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    return {(r[0], r[1]): dict(zip(rows[0], r)) for r in rows[1:]}
nnx, torch = read(sys.argv[1]), read(sys.argv[2])
print("\nexamples per second (best of the runs), nnx (dl4j) against PyTorch in the same run:")
print(f"{'network':8s} {'batch':>5s} {'examples':>8s} {'nnx wall':>9s} {'torch wall':>10s} {'ratio':>6s}"
      f" {'nnx cpu':>8s} {'torch cpu':>9s} {'ratio':>6s}")
for key, n in nnx.items():
    t = torch.get(key)
    if t is None:
        continue
    rw = float(n["wall_per_s"]) / float(t["wall_per_s"])
    rc = float(n["cpu_per_s"]) / float(t["cpu_per_s"])
    print(f"{key[0]:8s} {key[1]:>5s} {n['examples']:>8s} {n['wall_per_s']:>9s} {t['wall_per_s']:>10s} {rw:6.2f}"
          f" {n['cpu_per_s']:>8s} {t['cpu_per_s']:>9s} {rc:6.2f}")
PY
else
  echo "bench: python3-torch is not installed (apt-get install python3-torch); only nnx was measured" >&2
  cat "$nnx_out"
fi
