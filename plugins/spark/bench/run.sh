#!/usr/bin/env bash
# The spark executor's cost: the same 48-trial one-epoch MNIST training sweep (mnist-48.nnx) with
# --workers 2 locally and on a two-worker standalone cluster this script starts on 127.0.0.1 (a master
# and two one-core workers, each its own JVM, from the build's SPARK_HOME), then trials per minute and
# the per-trial overhead of the Spark path, in all (the wall time's difference, with the executors'
# start) and Spark's own per task (scheduling on the executor, serialization). Usage, from anywhere:
#   plugins/spark/bench/run.sh
# Needs MNIST in ~/.cache/nnx (./nnx data fetch mnist) and, on first use, Maven Central (the launcher
# builds the spark module, which downloads Spark). The two results.csv must be equal; it says so.
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/../../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/nnx-spark-bench.XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    pkill -KILL -P "$pid" 2>/dev/null || true # a worker's executor
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
sweep="$bench/mnist-48.nnx"
nnx="$root/nnx"

# builds the spark module on first use, and warms the page cache, so that the timed runs only run
echo "bench: warm-up (one trial on local[1])" >&2
"$nnx" run "$sweep" -q --set 'net.depth=4' --set 'net.tc=0' --store "$work/warm.db" --out "$work/warm" \
  --executor spark --master 'local[1]' --conf spark.ui.enabled=false

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
spark_home="$root/plugins/spark/target/spark-home"
java_opts="$(sed -n 's/.*<spark.java.options>\(.*\)<\/spark.java.options>.*/\1/p' "$root/plugins/spark/pom.xml")"
launch() { # LOG CLASS ARGS...
  local log="$1"; shift
  SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 \
    java $java_opts -Xmx256m -Dspark.master.rest.enabled=false -cp "$spark_home/jars/*" "$@" >"$log" 2>&1 &
  pids+=("$!")
  disown "$!" # killed at the end without a word from the shell
}
port="$(free_port)"
launch "$work/master.log" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
  --webui-port "$(free_port)"
for i in 1 2; do
  mkdir -p "$work/worker-$i"
  launch "$work/worker-$i.log" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port "$(free_port)" \
    --webui-port "$(free_port)" --cores 1 --memory 2g --work-dir "$work/worker-$i" "spark://127.0.0.1:$port"
done
for i in 1 2; do
  for _ in $(seq 600); do
    grep -q "Successfully registered with master" "$work/worker-$i.log" 2>/dev/null && break
    sleep 0.2
  done
  grep -q "Successfully registered with master" "$work/worker-$i.log" || { cat "$work/worker-$i.log" >&2; exit 1; }
done
echo "bench: cluster spark://127.0.0.1:$port with two one-core workers" >&2

timed() { # NAME ARGS...: runs nnx, prints its wall-clock seconds
  local name="$1"; shift
  local start end
  start="$(date +%s.%N)"
  "$nnx" run "$sweep" -q --store "$work/$name.db" --out "$work/$name" "$@"
  end="$(date +%s.%N)"
  echo "$end - $start" | bc -l
}
echo "bench: local, --workers 2" >&2
local_s="$(timed local --workers 2)"
echo "bench: spark, two standalone workers" >&2
spark_s="$(timed spark --executor spark --master "spark://127.0.0.1:$port" --conf spark.ui.enabled=false \
  --conf spark.driver.host=127.0.0.1 --conf spark.executor.memory=1536m)"

if cmp -s "$work/local/results.csv" "$work/spark/results.csv"; then same="yes"; else same="NO"; fi
trial_seconds() { grep -o 'computed trial .* in [0-9.]* s' "$1/run.log" | awk '{ s += $(NF - 1) } END { printf "%.3f", s }'; }
local_trials="$(trial_seconds "$work/local")"
spark_trials="$(trial_seconds "$work/spark")"
own="$(sed -n 's/.*spark: [0-9]* tasks, \([0-9.]*\) s per task of Spark.s own.* and \([0-9.]*\) s of nnx.s.*/\1 \2/p' \
  "$work/spark/run.log" | tail -n 1)"
# the median task: the first task of each executor also loads nnx's classes, which the mean spreads over all
median="$(sed -n 's/.*spark: task of stage .*: \([0-9]*\) ms from launch to result, \([0-9]*\) ms in its code.*/\1 \2/p' \
  "$work/spark/run.log" | awk '{ print ($1 - $2) / 1000 }' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
awk -v ls="$local_s" -v ss="$spark_s" -v lt="$local_trials" -v st="$spark_trials" -v same="$same" -v own="$own" -v median="$median" 'BEGIN {
  n = 48; slots = 2
  printf "%-34s %10s %10s\n", "", "local", "spark"
  printf "%-34s %10.1f %10.1f\n", "wall time of nnx run (s)", ls, ss
  printf "%-34s %10.1f %10.1f\n", "trials per minute", n * 60 / ls, n * 60 / ss
  printf "%-34s %10.2f %10.2f\n", "mean trial time (s)", lt / n, st / n
  # slot time not spent in a trial: JVM and Spark start, scheduling, serialization, idle slots
  lo = (ls * slots - lt) / n; so = (ss * slots - st) / n
  printf "%-34s %10.2f %10.2f\n", "time per trial outside trials (s)", lo, so
  split(own, o, " "); m = lt / n
  # in all: the wall time'"'"'s difference, per trial and slot (with the executors'"'"' start and their slower first trials)
  all = (ss - ls) * slots / n
  printf "spark path overhead per trial, in all: %.2f s = %.1f%% of a mean local trial\n", all, 100 * all / m
  printf "  of which Spark'"'"'s own per task (launch on an executor to result on the driver, outside the task'"'"'s code):"
  printf " mean %.3f s = %.1f%%, median %.3f s = %.1f%%\n", o[1], 100 * o[1] / m, median, 100 * median / m
  printf "  and nnx'"'"'s on the executors outside trials (loading the plugins once per executor): %.3f s = %.1f%%\n",
    o[2], 100 * o[2] / m
  printf "results.csv equal: %s\n", same
}'
