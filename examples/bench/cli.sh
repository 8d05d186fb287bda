#!/usr/bin/env bash
# How fast the command line answers on a warm build: median and slowest wall time of 5 runs of
# nnx check, plugins, runs and show (see README.md, Benchmarks). Usage, from anywhere:
#   examples/bench/cli.sh [runs]   (default 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
n="${1:-5}"
./nnx --help >/dev/null # builds on first use, so that no timed run builds
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./nnx run -q examples/nnmass-zoo.nnx --out "$work/zoo" --store "$work/nnx.db" >/dev/null
time_it() {
  local label="$1"; shift
  local times=()
  for _ in $(seq "$n"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-40s median %5d ms   slowest %5d ms\n' "$label" "$(echo "$sorted" | sed -n "$(( (n + 1) / 2 ))p")" \
    "$(echo "$sorted" | tail -n 1)"
}
time_it "nnx --help" ./nnx --help
time_it "nnx check examples/nnmass-zoo.nnx" ./nnx check examples/nnmass-zoo.nnx
time_it "nnx plugins" ./nnx plugins
time_it "nnx runs" ./nnx runs --store "$work/nnx.db"
time_it "nnx show zoo" ./nnx show zoo --store "$work/nnx.db"
