#!/usr/bin/env bash
# The spark executor's cost: the same 48-trial one-epoch MNIST training sweep (mnist-48.nnx) with
# --workers 2 locally and on a two-worker standalone cluster this script starts on 127.0.0.1 (a master
# and two one-core workers, each its own JVM, from the build's SPARK_HOME), then trials per minute and
# the per-trial overhead of the Spark path, in all (the wall time's difference, with the executors'
# start) and Spark's own per task (scheduling on the executor, serialization). Usage, from anywhere:
#   plugins/spark/bench/run.sh      (KEEP=1 keeps the run directories and logs, and says where)
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
  if [ -n "${KEEP:-}" ]; then echo "bench: kept $work" >&2; else rm -rf "$work"; fi
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
# One line per task in the spark run's log (written when the driver heard of its end):
#   <time> ... task of stage S on executor E: D ms from launch to result, R ms in its code (X ms deserializing the
#   task, Y ms serializing a result of B bytes)
# Spark's own time of a task is D - R; an executor's first task also loads nnx's classes, the plugins and the data
# set and warms the JIT up, which is paid once per executor, so it is shown apart from the steady state.
tasks="$(sed -n 's/^[0-9-]*T\([0-9]*\):\([0-9]*\):\([0-9]*\),\([0-9]*\) .*spark: task of stage [0-9]* on executor \([0-9]*\): \([0-9]*\) ms from launch to result, \([0-9]*\) ms in its code (\([0-9]*\) ms deserializing the task, \([0-9]*\) ms serializing a result of \([0-9]*\) bytes).*/\1 \2 \3 \4 \5 \6 \7 \8 \9/p' \
  "$work/spark/run.log" | awk '{ print ($1 * 3600 + $2 * 60 + $3 + $4 / 1000), $5, $6, $7, $8, $9 }')"
start="$(head -n 1 "$work/spark/run.log" | sed 's/^[0-9-]*T\([0-9]*\):\([0-9]*\):\([0-9]*\),\([0-9]*\) .*/\1 \2 \3 \4/' \
  | awk '{ print $1 * 3600 + $2 * 60 + $3 + $4 / 1000 }')"
median="$(echo "$tasks" | awk '{ print ($3 - $4) / 1000 }' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
echo "$tasks" | awk -v median="$median" -v ls="$local_s" -v ss="$spark_s" -v lt="$local_trials" -v st="$spark_trials" -v same="$same" \
  -v start="$start" '
{ end = $1; e = $2; d = $3 / 1000; r = $4 / 1000; x = $5 / 1000; y = $6 / 1000
  n++
  if (NR == 1 || end - d < first_launch) first_launch = end - d
  if (!(e in seen)) { seen[e] = 1; firsts++; first_run += r; first_own += d - r }
  else { steady++; steady_own += d - r; des += x; ser += y; rest += d - r - x - y } }
END {
  trials = 48; slots = 2
  printf "%-34s %10s %10s\n", "", "local", "spark"
  printf "%-34s %10.1f %10.1f\n", "wall time of nnx run (s)", ls, ss
  printf "%-34s %10.1f %10.1f\n", "trials per minute", trials * 60 / ls, trials * 60 / ss
  printf "%-34s %10.2f %10.2f\n", "mean trial time (s)", lt / trials, st / trials
  m = lt / trials
  # the wall time'"'"'s difference, per trial and slot
  all = (ss - ls) * slots / trials
  printf "spark path overhead per trial, in all: %.2f s = %.1f%% of a mean local trial (%.2f s)\n", all, 100 * all / m, m
  printf "  once per run: from the start of run.log to the first task'"'"'s launch (the application, the executors'"'"' JVMs"
  printf " starting and registering): %.1f s\n", first_launch - start
  printf "  once per executor: its first task, which loads nnx, the plugins and the data set and warms the JIT up:"
  printf " %.1f s on average (%d executors)\n", first_run / firsts, firsts
  printf "  Spark'"'"'s own per task in the steady state (every task but each executor'"'"'s first; launch on an executor to"
  printf " result on the driver, outside the task'"'"'s code): mean %.3f s = %.1f%% of a mean local trial",
    steady_own / steady, 100 * steady_own / steady / m
  printf " (all %d tasks: mean %.3f s, median %.3f s)\n", n, (steady_own + first_own) / n, median
  printf "    deserializing the task %.3f s, serializing the result %.3f s, scheduling and the way there and back %.3f s\n",
    des / steady, ser / steady, rest / steady
  printf "results.csv equal: %s\n", same
}'
