package org.nnx.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nnx.execute.ExecutorSettings;
import org.nnx.execute.TrialExecutor;
import org.nnx.execute.TrialOutcome;
import org.nnx.execute.TrialTask;

/**
 * Computes trial repeats as tasks of one Spark application. Each trial repeat is a job of one task,
 * so that Spark retries a task whose executor was lost or that threw, and a trial that fails every
 * attempt ({@code spark.task.maxFailures}) fails alone: its outcome says so and every other job goes on.
 * Outcomes come back to the driver, which commits them; executors never touch the result store.
 */
final class SparkExecutor implements TrialExecutor {

  /** Its name. */
  static final String NAME = "spark";

  private static final Logger LOG = LogManager.getLogger(SparkExecutor.class);

  /** Jobs in flight at once at most: enough to keep a large cluster busy, few enough threads. */
  private static final int MAX_JOBS = 512;

  private final JavaSparkContext context;
  private final String master;
  private final ClusterEvents events;

  private SparkExecutor(JavaSparkContext context, String master, ClusterEvents events) {
    this.context = context;
    this.master = master;
    this.events = events;
  }

  /** Starts the Spark application (the driver) on {@code master}. */
  static SparkExecutor start(String master, ExecutorSettings settings) {
    // Spark's INFO lines would bury nnx's own in run.log; its warnings and errors stay
    Configurator.setLevel("org.apache.spark", Level.WARN);
    Configurator.setLevel("org.sparkproject", Level.WARN);
    SparkConf conf = new SparkConf().setMaster(master).setAppName("nnx")
        .set("spark.executor.extraClassPath", executorClassPath());
    String threads = System.getenv("OMP_NUM_THREADS");
    if (threads != null) {
      // the launcher's setting (one thread per trial): the same on executors keeps training as fast and exact
      conf.set("spark.executorEnv.OMP_NUM_THREADS", threads);
    }
    settings.executorCores().ifPresent(n -> conf.set("spark.executor.cores", Integer.toString(n)));
    settings.conf().forEach(conf::set);
    ClusterEvents events = new ClusterEvents(settings.status());
    JavaSparkContext context = new JavaSparkContext(conf);
    context.sc().addSparkListener(events);
    for (Path jar : settings.pluginJars()) {
      context.addFile(jar.toAbsolutePath().toString());
    }
    events.say("spark: application " + context.sc().applicationId() + " on " + master + " (Spark "
        + context.version() + ")");
    return new SparkExecutor(context, master, events);
  }

  private static String executorClassPath() {
    try {
      return String.join(java.io.File.pathSeparator, ExecutorClassPath.of(System.getProperty("java.class.path"),
          ExecutorClassPath.sparkJars()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot list Spark's jars: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", NAME);
    d.put("master", master);
    d.put("spark_version", context.version());
    d.put("application", context.sc().applicationId());
    d.put("parallelism", parallelism());
    return d;
  }

  @Override
  public int parallelism() {
    return context.defaultParallelism();
  }

  @Override
  public void execute(List<TrialTask> tasks, Consumer<TrialOutcome> sink) throws InterruptedException {
    if (tasks.isEmpty()) {
      return;
    }
    if (context.sc().isStopped()) {
      throw stopped();
    }
    // a local master computes in this process, which is no executor Spark announces
    events.say("spark: " + tasks.size() + (tasks.size() == 1 ? " task" : " tasks") + " on " + master + " ("
        + (master.startsWith("local") ? "this process, " + parallelism() + " cores" : events.cluster()) + ")");
    String group = "nnx-" + UUID.randomUUID();
    LinkedBlockingQueue<TrialOutcome> done = new LinkedBlockingQueue<>();
    int failedBefore = events.failedAttempts();
    int tasksBefore = events.tasks();
    long millisBefore = events.taskMillis();
    long runBefore = events.runMillis();
    double trialSeconds = 0;
    ExecutorService jobs = Executors.newFixedThreadPool(Math.min(tasks.size(), MAX_JOBS), r -> {
      Thread t = new Thread(r, "nnx-spark-job");
      t.setDaemon(true);
      return t;
    });
    try {
      for (TrialTask task : tasks) {
        jobs.execute(() -> {
          TrialOutcome outcome = null;
          try {
            outcome = compute(group, task);
          } finally {
            // every task gives one outcome, or the loop below would wait for it for ever
            done.add(outcome != null ? outcome : TrialOutcome.failed(task, task.label()
                + " failed: its Spark job ended without a result (details in run.log)", 0));
          }
        });
      }
      for (int i = 0; i < tasks.size(); i++) {
        TrialOutcome outcome = done.take();
        if (!outcome.failures().isEmpty() && context.sc().isStopped()) {
          // not this trial's failure: the application is gone, and with it every task still to run
          throw stopped();
        }
        trialSeconds += outcome.seconds();
        sink.accept(outcome);
      }
    } catch (InterruptedException e) {
      context.cancelJobGroup(group);
      throw e;
    } finally {
      jobs.shutdownNow();
    }
    int retried = events.failedAttempts() - failedBefore;
    // means, not sums: the listener may hear of the last tasks a moment after their results arrived
    int heard = Math.max(1, events.tasks() - tasksBefore);
    double task = (events.taskMillis() - millisBefore) / 1e3 / heard;
    double run = (events.runMillis() - runBefore) / 1e3 / heard;
    double spark = Math.max(0, task - run);
    double executorSide = Math.max(0, run - trialSeconds / tasks.size());
    LOG.info("spark: {} tasks, {} s per task of Spark's own (the task's launch to its result on the driver, outside"
        + " its code: deserialization, serialization, the result's way back) and {} s of nnx's outside the trial"
        + " (loading the plugins once per executor)", tasks.size(), seconds(spark), seconds(executorSide));
    events.say("spark: " + tasks.size() + "/" + tasks.size() + " tasks done" + (retried == 0 ? ""
        : ", " + retried + (retried == 1 ? " task attempt" : " task attempts") + " failed and ran again")
        + "; per task " + seconds(spark) + " s of Spark's own, " + seconds(executorSide)
        + " s of nnx's outside the trial");
  }

  private static String seconds(double s) {
    return String.format(java.util.Locale.ROOT, "%.3f", s);
  }

  private IllegalStateException stopped() {
    return new IllegalStateException("the Spark application " + context.sc().applicationId() + " on " + master
        + " stopped: the master could not be reached (is it running, and is " + master + " its URL?), removed the"
        + " application (its executors could not start: see the workers' logs and their work/app-*/*/stderr) or was"
        + " lost; every trial finished before is kept in the result store: run the same command again to go on");
  }

  /** Runs one task as a job of its own and waits for its outcome, or the failure of its last attempt. */
  private TrialOutcome compute(String group, TrialTask task) {
    long start = System.nanoTime();
    try {
      context.setJobGroup(group, task.label(), true);
      return context.parallelize(List.of(task), 1).map(new TrialFunction()).collect().get(0);
    } catch (Exception e) {
      // SparkException, checked in Java's eyes but not declared by Scala: the job failed every attempt
      LOG.error("{}: its Spark job failed", task.label(), e);
      return TrialOutcome.failed(task, task.label() + " failed on the Spark cluster, on every attempt: "
          + firstLine(e), (System.nanoTime() - start) / 1e9);
    }
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  @Override
  public void close() {
    context.stop();
  }
}
