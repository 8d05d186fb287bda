#!/usr/bin/env bash
# A training sweep's throughput with --workers 1 and --workers 2 (see README.md, Benchmarks).
# Each file runs to its end from an empty result store, once per worker count, so both counts do the
# same trials: a fixed time window would favour neither fairly, since a sweep's later trials are its
# larger networks and the faster run reaches more of them. Reports the wall time, trial repeats per
# minute over the whole file, the speed-up, and whether both runs wrote the same results.csv.
# Usage, from anywhere (MNIST in ~/.cache/nnx: ./nnx data fetch mnist):
#   examples/bench/workers.sh [file ...]   (default examples/proxies-mnist.nnx, about 10 + 6 min)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(examples/proxies-mnist.nnx)
./nnx --help >/dev/null # builds on first use, so that no timed run builds
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf '%-28s %8s %10s %12s %8s\n' "file" "workers" "wall s" "trials/min" "trials"
for f in "${files[@]}"; do
  declare -A wall=()
  for w in 1 2; do
    out="$work/$(basename "$f" .nnx)-w$w"
    start=$(date +%s.%N)
    ./nnx run -q "$f" --workers "$w" --store "$out/nnx.db" --out "$out/run" >/dev/null
    wall[$w]=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
    n=$(grep -c 'ExperimentRunner: computed trial' "$(find "$out/run" -name run.log | head -n 1)")
    printf '%-28s %8d %10s %12s %8d\n' "$(basename "$f")" "$w" "${wall[$w]}" \
      "$(awk -v n="$n" -v t="${wall[$w]}" 'BEGIN { printf "%.1f", n * 60 / t }')" "$n"
  done
  same=differ
  cmp -s "$(find "$work/$(basename "$f" .nnx)-w1/run" -name results.csv | head -n 1)" \
    "$(find "$work/$(basename "$f" .nnx)-w2/run" -name results.csv | head -n 1)" && same=identical
  awk -v a="${wall[1]}" -v b="${wall[2]}" -v f="$(basename "$f")" -v s="$same" \
    'BEGIN { printf "%-28s speed-up with 2 workers: %.2fx; results.csv %s\n", f, a / b, s }'
  unset wall
done
