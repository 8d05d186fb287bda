package org.nnx.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.nnx.execute.ExecutorUnavailableException;
import org.nnx.execute.TrialExecutor;
import org.nnx.execute.TrialOutcome;
import org.nnx.execute.TrialTask;
import scala.Function2;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

/**
 * Computes trial repeats as tasks of one Spark application: each trial repeat is a task (a partition
 * of one), all of them one job, the most costly first. Spark retries a task whose executor was lost
 * or that threw; a task that fails every attempt ({@code spark.task.maxFailures}) ends the job, and
 * the tasks that then have no outcome run again one job each, so that the failing trial fails alone:
 * its outcome says so and every other trial's values are kept.
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
    String home = System.getProperty(ExecutorClassPath.SPARK_HOME_PROPERTY);
    if (master.equals("yarn") && home != null && !settings.conf().containsKey("spark.yarn.jars")
        && !settings.conf().containsKey("spark.yarn.archive")) {
      // YARN's containers get Spark from the driver: the jars nnx is built against, not another SPARK_HOME's
      conf.set("spark.yarn.jars", Path.of(home, "jars").toAbsolutePath() + "/*");
    }
    if (master.equals("yarn")) {
      // Hadoop's client waits 15 minutes for an unreachable ResourceManager before it gives up, each of its
      // attempts retrying the connection 10 times; a minute tells a wrong address sooner (--conf overrides)
      conf.set("spark.hadoop.yarn.resourcemanager.connect.max-wait.ms", "60000");
      conf.set("spark.hadoop.yarn.resourcemanager.connect.retry-interval.ms", "10000");
      conf.set("spark.hadoop.ipc.client.connect.max.retries", "2");
    }
    settings.conf().forEach(conf::set);
    ClusterEvents events = new ClusterEvents(settings.status());
    if (!master.startsWith("local")) {
      events.say("spark: starting an application on " + master);
    }
    JavaSparkContext context;
    try {
      context = new JavaSparkContext(conf);
    } catch (Exception e) {
      // Hadoop's ConnectException among them, checked in Java's eyes but not declared by Scala
      throw new ExecutorUnavailableException("the Spark application could not start on " + master + ": "
          + withRootCause(e) + " (check the master URL, that its cluster is reachable from here and, for yarn,"
          + " HADOOP_CONF_DIR; details in run.log)", e);
    }
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
    int failedBefore = events.failedAttempts();
    int tasksBefore = events.tasks();
    long millisBefore = events.taskMillis();
    long runBefore = events.runMillis();
    double[] trialSeconds = {0};
    Consumer<TrialOutcome> counted = outcome -> {
      trialSeconds[0] += outcome.seconds();
      sink.accept(outcome);
    };
    List<TrialTask> left;
    try {
      left = computeTogether(group, byCost(tasks), counted);
      if (!left.isEmpty()) {
        events.say("spark: " + left.size() + (left.size() == 1 ? " task" : " tasks") + " without a result run again,"
            + " each as a job of its own, so that a task that fails every attempt fails alone");
        computeEach(group, left, counted);
      }
    } catch (InterruptedException e) {
      context.cancelJobGroup(group);
      throw e;
    }
    int retried = events.failedAttempts() - failedBefore;
    // means, not sums: the listener may hear of the last tasks a moment after their results arrived
    int heard = Math.max(1, events.tasks() - tasksBefore);
    double task = (events.taskMillis() - millisBefore) / 1e3 / heard;
    double run = (events.runMillis() - runBefore) / 1e3 / heard;
    double spark = Math.max(0, task - run);
    double executorSide = Math.max(0, run - trialSeconds[0] / tasks.size());
    LOG.info("spark: {} tasks, {} s per task of Spark's own (the task's launch to its result on the driver, outside"
        + " its code: deserialization, serialization, the result's way back) and {} s of nnx's outside the trial"
        + " (loading the plugins once per executor)", tasks.size(), seconds(spark), seconds(executorSide));
    events.say("spark: " + tasks.size() + "/" + tasks.size() + " tasks done" + (retried == 0 ? ""
        : ", " + retried + (retried == 1 ? " task attempt" : " task attempts") + " failed and ran again")
        + "; per task " + seconds(spark) + " s of Spark's own, " + seconds(executorSide)
        + " s of nnx's outside the trial");
  }

  /**
   * The tasks with the largest predicted cost first: Spark launches a stage's tasks in partition
   * order, so the long ones start early and the short ones fill the gaps at the end (stable, so
   * tasks of equal cost keep the runner's order).
   */
  static List<TrialTask> byCost(List<TrialTask> tasks) {
    List<TrialTask> ordered = new ArrayList<>(tasks);
    ordered.sort(Comparator.comparingDouble(TrialTask::cost).reversed());
    return ordered;
  }

  /**
   * Computes the tasks as the partitions of one Spark job, handing each outcome on as its task
   * finishes. One job, not one per task, because each job ships its function to every executor
   * again (a broadcast each executor fetches from the driver before its first task of the job), and
   * that round trip was most of Spark's time per task. A task that fails every attempt ends the
   * whole job, though; the tasks without an outcome then are returned, to be run one job each.
   */
  private List<TrialTask> computeTogether(String group, List<TrialTask> ordered, Consumer<TrialOutcome> sink)
      throws InterruptedException {
    LinkedBlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    Thread job = new Thread(() -> {
      Throwable failure = null;
      try {
        context.setJobGroup(group, ordered.size() + " trial repeats", true);
        context.sc().runJob(context.parallelize(ordered, ordered.size()).rdd(), new TrialFunction(),
            (Function2<Object, TrialOutcome, BoxedUnit>) (index, outcome) -> {
              arrivals.add(new Arrival((Integer) index, outcome, null));
              return BoxedUnit.UNIT;
            }, ClassTag$.MODULE$.apply(TrialOutcome.class));
      } catch (Throwable e) {
        // SparkException, checked in Java's eyes but not declared by Scala: a task failed every attempt
        failure = e;
      } finally {
        arrivals.add(new Arrival(-1, null, Optional.ofNullable(failure)));
      }
    }, "nnx-spark-job");
    job.setDaemon(true);
    job.start();
    boolean[] arrived = new boolean[ordered.size()];
    while (true) {
      Arrival a = arrivals.take();
      if (a.outcome() == null) {
        if (a.failure().isEmpty()) {
          return List.of();
        }
        if (context.sc().isStopped()) {
          throw stopped();
        }
        LOG.error("the Spark job of {} trial repeats failed", ordered.size(), a.failure().get());
        List<TrialTask> left = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
          if (!arrived[i]) {
            left.add(ordered.get(i));
          }
        }
        return left;
      }
      arrived[a.index()] = true;
      sink.accept(a.outcome());
    }
  }

  /**
   * What the job's thread hands the calling thread: the outcome of the task at {@code index}, or
   * (with {@code outcome} null) the end of the job, with its failure if it failed.
   */
  private record Arrival(int index, TrialOutcome outcome, Optional<Throwable> failure) {}

  /** Computes each task as a job of its own, from a pool of threads, so that a task that fails every attempt fails alone. */
  private void computeEach(String group, List<TrialTask> tasks, Consumer<TrialOutcome> sink)
      throws InterruptedException {
    LinkedBlockingQueue<TrialOutcome> done = new LinkedBlockingQueue<>();
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
        sink.accept(outcome);
      }
    } finally {
      jobs.shutdownNow();
    }
  }

  private static String seconds(double s) {
    return String.format(java.util.Locale.ROOT, "%.3f", s);
  }

  private ExecutorUnavailableException stopped() {
    return new ExecutorUnavailableException("the Spark application " + context.sc().applicationId() + " on " + master
        + " stopped: the master could not be reached (is it running, and is " + master + " its URL?), removed the"
        + " application (its executors could not start: see the workers' logs and their work/app-*/*/stderr) or was"
        + " lost; every trial finished before is kept in the result store: run the same command again to go on", null);
  }

  /** Runs one task as a job of its own and waits for its outcome, or the failure of its last attempt. */
  private TrialOutcome compute(String group, TrialTask task) {
    long start = System.nanoTime();
    try {
      context.setJobGroup(group, task.label(), true);
      Object results = context.sc().runJob(context.parallelize(List.of(task), 1).rdd(), new TrialFunction(),
          ClassTag$.MODULE$.apply(TrialOutcome.class));
      return ((TrialOutcome[]) results)[0];
    } catch (Exception e) {
      // SparkException, checked in Java's eyes but not declared by Scala: the job failed every attempt
      LOG.error("{}: its Spark job failed", task.label(), e);
      return TrialOutcome.failed(task, task.label() + " failed on the Spark cluster, on every attempt: "
          + firstLine(e), (System.nanoTime() - start) / 1e9);
    }
  }

  /** The first line of the message, and that of its root cause where it says more (a client's "An error has occurred."). */
  private static String withRootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String first = firstLine(e);
    String last = firstLine(root);
    return root == e || first.contains(last) ? first : first + " (" + root.getClass().getSimpleName() + ": " + last + ")";
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
