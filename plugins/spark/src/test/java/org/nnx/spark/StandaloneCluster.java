package org.nnx.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests and the benchmark: a master and workers, each a
 * JVM started from the build's {@code target/spark-home}, each worker with one core. Closing it kills
 * every JVM it started and their executors.
 */
final class StandaloneCluster implements AutoCloseable {

  private final Process master;
  private final List<Process> workers = new ArrayList<>();
  private final List<ProcessHandle> started = new ArrayList<>();
  private final String url;

  private StandaloneCluster(Process master, String url) {
    this.master = master;
    this.url = url;
    started.add(master.toHandle());
  }

  /**
   * Starts a master and {@code workers} workers and waits until every worker has registered.
   *
   * @param dir where the logs and the workers' work folders go
   */
  static StandaloneCluster start(int workers, Path dir) throws IOException, InterruptedException {
    int port = freePort();
    Process master = launch(dir.resolve("master.log"), "org.apache.spark.deploy.master.Master", "--host",
        "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()));
    StandaloneCluster cluster = new StandaloneCluster(master, "spark://127.0.0.1:" + port);
    try {
      for (int i = 0; i < workers; i++) {
        Path work = Files.createDirectories(dir.resolve("worker-" + i));
        Process worker = launch(dir.resolve("worker-" + i + ".log"), "org.apache.spark.deploy.worker.Worker",
            "--host", "127.0.0.1", "--port", Integer.toString(freePort()), "--webui-port",
            Integer.toString(freePort()), "--cores", "1", "--memory", "1g", "--work-dir", work.toString(), cluster.url);
        cluster.workers.add(worker);
        cluster.started.add(worker.toHandle());
      }
      for (int i = 0; i < workers; i++) {
        awaitLine(dir.resolve("worker-" + i + ".log"), "Successfully registered with master", cluster.workers.get(i));
      }
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The master's URL, {@code spark://127.0.0.1:PORT}. */
  String url() {
    return url;
  }

  /** Kills worker {@code i}'s JVM (SIGKILL) and waits for it; its executor notices and exits. */
  void killWorker(int i) throws InterruptedException {
    Process worker = workers.get(i);
    worker.descendants().forEach(started::add);
    worker.destroyForcibly();
    worker.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    for (Process worker : workers) {
      worker.descendants().forEach(started::add);
    }
    master.descendants().forEach(started::add);
    for (ProcessHandle p : started) {
      p.destroyForcibly();
    }
    for (ProcessHandle p : started) {
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // gone already, or it will be when the JVM exits: nothing else to do
      }
    }
  }

  private static Process launch(Path log, String mainClass, String... args) throws IOException {
    Path sparkHome = Path.of(System.getProperty(ExecutorClassPath.SPARK_HOME_PROPERTY));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("nnx.spark.java.options").trim().split("\\s+")));
    command.addAll(List.of("-Xmx256m", "-Dspark.master.rest.enabled=false", "-cp",
        sparkHome.resolve("jars") + "/*", mainClass));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    // a worker's command builder looks for a Scala build folder unless it is told the version
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  private static void awaitLine(Path log, String line, Process process) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(log) || !Files.readString(log).contains(line)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("a Spark JVM did not start; its log " + log + " ends: "
            + (Files.exists(log) ? tail(Files.readString(log)) : "(no log)"));
      }
      Thread.sleep(200);
    }
  }

  private static String tail(String text) {
    return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
