package org.nnx.spark;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.Success$;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Tells the terminal when the cluster gains or loses an executor, and counts failed task attempts
 * (Spark runs those again). Spark calls it on its listener thread; the executor says its own lines
 * through it too.
 */
final class ClusterEvents extends SparkListener {

  private static final Logger LOG = LogManager.getLogger(ClusterEvents.class);

  private final PrintWriter status;
  private final Map<String, Integer> cores = new ConcurrentHashMap<>();
  private final AtomicInteger failedAttempts = new AtomicInteger();
  private final AtomicInteger tasks = new AtomicInteger();
  private final AtomicLong taskMillis = new AtomicLong();
  private final AtomicLong runMillis = new AtomicLong();

  /** @param status where the lines go */
  ClusterEvents(PrintWriter status) {
    this.status = status;
  }

  @Override
  public void onExecutorAdded(SparkListenerExecutorAdded added) {
    cores.put(added.executorId(), added.executorInfo().totalCores());
    say("spark: executor " + added.executorId() + " joined on " + added.executorInfo().executorHost()
        + " with " + added.executorInfo().totalCores() + " cores; " + cluster());
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    cores.remove(removed.executorId());
    say("spark: executor " + removed.executorId() + " left (" + removed.reason() + "); its tasks run"
        + " again on the others; " + cluster());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (end.reason() != Success$.MODULE$) {
      failedAttempts.incrementAndGet();
    } else if (end.taskInfo() != null) {
      tasks.incrementAndGet();
      TaskMetrics m = end.taskMetrics();
      long run = m == null ? 0 : m.executorRunTime();
      taskMillis.addAndGet(end.taskInfo().duration());
      runMillis.addAndGet(run);
      LOG.info("spark: task of stage {} on executor {}: {} ms from launch to result, {} ms in its code ({} ms"
          + " deserializing the task, {} ms serializing a result of {} bytes)", end.stageId(),
          end.taskInfo().executorId(), end.taskInfo().duration(), run, m == null ? 0 : m.executorDeserializeTime(),
          m == null ? 0 : m.resultSerializationTime(), m == null ? 0 : m.resultSize());
    }
  }

  /** Shows one line at once (a terminal's writer may hold it otherwise until the run ends). */
  void say(String line) {
    status.println(line);
    status.flush();
  }

  /** What the cluster has now, e.g. {@code 2 executors, 2 cores}. */
  String cluster() {
    return cores.size() + (cores.size() == 1 ? " executor, " : " executors, ")
        + cores.values().stream().mapToInt(Integer::intValue).sum() + " cores";
  }

  /** Tasks that succeeded so far. */
  int tasks() {
    return tasks.get();
  }

  /**
   * The time of the tasks that succeeded so far, each from its launch on an executor to its result
   * on the driver, in milliseconds.
   */
  long taskMillis() {
    return taskMillis.get();
  }

  /** The time the tasks that succeeded so far spent in their own code on the executors, in milliseconds. */
  long runMillis() {
    return runMillis.get();
  }

  /** Task attempts that failed so far (each was retried, or its trial reported failed). */
  int failedAttempts() {
    return failedAttempts.get();
  }
}
