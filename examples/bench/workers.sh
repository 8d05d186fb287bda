#!/usr/bin/env bash
# Trials per minute of training sweeps with --workers 1 and --workers 2 (see README.md, Benchmarks).
# Each run starts from an empty result store, runs for a fixed time and is then stopped; the rate is
# taken from the run log's "computed trial" lines: trial repeats finished after the first one, per
# minute between the first and the last (so the start, the data loading and the unfinished trials
# at the stop count for nothing). Usage, from anywhere (MNIST in ~/.cache/nnx: ./nnx data fetch mnist):
#   examples/bench/workers.sh [seconds [file ...]]   (default 150 s; proxies-mnist and nnmass-mnist)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
seconds="${1:-150}"
shift || true
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(examples/proxies-mnist.nnx examples/nnmass-mnist.nnx)
./nnx --help >/dev/null # builds on first use, so that no timed run builds
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rate() {
  # trial repeats per minute from the "computed trial" lines of a run log
  grep 'ExperimentRunner: computed trial' "$1" | awk '
    { split($1, t, "T"); split(t[2], c, "[:,]"); s = c[1] * 3600 + c[2] * 60 + c[3] + c[4] / 1000
      if (n == 0) first = s; last = s; n++ }
    END { if (n < 2 || last == first) print "n/a"; else printf "%.1f %d\n", (n - 1) * 60 / (last - first), n }'
}
printf '%-28s %8s %14s %8s\n' "file" "workers" "trials/min" "trials"
for f in "${files[@]}"; do
  declare -A per=()
  for w in 1 2; do
    out="$work/$(basename "$f" .nnx)-w$w"
    timeout -s TERM "$seconds" ./nnx run -q "$f" --workers "$w" --store "$out/nnx.db" --out "$out/run" \
      >/dev/null 2>&1 || true
    read -r r n _ <<<"$(rate "$(find "$out/run" -name run.log | head -n 1)") 0"
    per[$w]="$r"
    printf '%-28s %8d %14s %8s\n' "$(basename "$f")" "$w" "$r" "$n"
  done
  if [ "${per[1]}" != n/a ] && [ "${per[2]}" != n/a ]; then
    awk -v a="${per[1]}" -v b="${per[2]}" -v f="$(basename "$f")" 'BEGIN { printf "%-28s speed-up with 2 workers: %.2fx\n", f, b / a }'
  fi
  unset per
done
