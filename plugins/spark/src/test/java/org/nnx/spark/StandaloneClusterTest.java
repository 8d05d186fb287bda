package org.nnx.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.examples.Cli;
import org.nnx.report.CsvTable;

/**
 * A real standalone cluster on this machine (a master and two one-core workers, each its own JVM):
 * a training sweep gives the local executor's results byte for byte, a {@code --plugins} jar reaches
 * the executors, a trial that crashes its executor on every attempt fails alone, and killing a
 * worker's JVM mid-sweep loses no trial, computes none twice and changes no value.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hung job fails its test instead of stalling the build
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {

  private static final String SWEEP = """
      experiment sweep {
        seed 9
        data synthetic(shape = circle, segments = 10)
        architectures { net: dense_mlp(width = 6, depth = {3, 4}, tc = 0..TC, activation = relu) }
        train {
          optimizer = adam(lr = 1e-3)
          batch = 50
          epochs = EPOCHS
        }
        measure nn_mass, test_accuracy
      }
      """;

  @TempDir
  static Path clusterDir;

  @TempDir
  Path dir;

  private static StandaloneCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = StandaloneCluster.start(2, clusterDir);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private Cli onCluster(Path file, String out) {
    return Cli.run("run", file.toString(), "--out", dir.resolve(out).toString(), "--executor", "spark", "--master",
        cluster.url(), "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=512m", "--conf",
        "spark.driver.host=127.0.0.1");
  }

  private Path reference(Path file) {
    Cli local = Cli.run("run", "-q", file.toString(), "--out", dir.resolve("local").toString(), "--workers", "2");
    assertThat(local.status()).as(local.err()).isZero();
    return dir.resolve("local/results.csv");
  }

  @Test
  @Order(1)
  void aTrainingSweepOnTwoWorkersGivesTheLocalExecutorsResults() throws Exception {
    Path file = Files.writeString(dir.resolve("sweep.nnx"), SWEEP.replace("TC", "2").replace("EPOCHS", "1"));
    Cli spark = onCluster(file, "spark");
    assertThat(spark.status()).as(spark.err()).isZero();
    assertThat(spark.err()).contains("spark: application app-").contains("joined on 127.0.0.1")
        .contains("spark: 6/6 tasks done");
    assertThat(Files.readString(dir.resolve("spark/results.csv"))).isEqualTo(Files.readString(reference(file)));
    assertThat(Files.readString(dir.resolve("spark/run.json"))).contains("\"master\": \"" + cluster.url() + "\"");
  }

  /** The jar of a {@code --plugins} folder travels with the application; its metric runs on the executors. */
  @Test
  @Order(2)
  void thePluginJarsOfPluginsReachTheExecutors() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.copy(Cli.root().resolve("examples/custom-metric/target/skip-ratio-metric-1.0.0.jar"),
        plugins.resolve("skip-ratio-metric-1.0.0.jar"));
    Path file = Cli.root().resolve("examples/custom-metric/skip-ratio.nnx");
    Cli local = Cli.run("run", "-q", file.toString(), "--out", dir.resolve("local").toString(), "--plugins",
        plugins.toString());
    assertThat(local.status()).as(local.err()).isZero();
    Cli spark = Cli.run("run", "-q", file.toString(), "--out", dir.resolve("spark").toString(), "--plugins",
        plugins.toString(), "--executor", "spark", "--master", cluster.url(), "--conf", "spark.ui.enabled=false",
        "--conf", "spark.executor.memory=512m", "--conf", "spark.driver.host=127.0.0.1");
    assertThat(spark.status()).as(spark.err()).isZero();
    assertThat(Files.readString(dir.resolve("spark/results.csv"))).contains("skip_ratio")
        .isEqualTo(Files.readString(dir.resolve("local/results.csv")));
  }

  /** A trial that ends its executor's JVM on every attempt fails alone, after Spark's retries. */
  @Test
  @Order(3)
  void aTrialThatFailsEveryAttemptIsReportedAndTheOthersAreKept() throws Exception {
    Path file = Files.writeString(dir.resolve("crash.nnx"), """
        experiment crash {
          seed 9
          architectures { net: dense_mlp(width = 6, depth = {3, 4}, tc = 0, inputs = 4, classes = 2) }
          measure nn_mass, kills_its_executor
        }
        """);
    Cli spark = Cli.run("run", "-q", file.toString(), "--out", dir.resolve("crash").toString(), "--executor",
        "spark", "--master", cluster.url(), "--conf", "spark.ui.enabled=false", "--conf",
        "spark.executor.memory=512m", "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.task.maxFailures=2");
    assertThat(spark.status()).as(spark.err()).isEqualTo(1);
    assertThat(spark.err()).contains("trial 1 repeat 0 of crash failed on the Spark cluster, on every attempt: ")
        .contains("failed 2 times");
    // first all in one job, which the crash ends; then what had no outcome, one job each
    assertThat(Files.readString(dir.resolve("crash/run.log"))).contains("the Spark job of 2 trial repeats failed");
    List<Map<String, String>> rows = CsvTable.read(dir.resolve("crash/results.csv"));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("kills_its_executor")).isEqualTo("0");
    assertThat(rows.get(0).get("nn_mass")).isNotEmpty();
    assertThat(rows.get(1).get("nn_mass")).isEmpty();
  }

  /** Last: the cluster has one worker after it. */
  @Test
  @Order(4)
  void killingAWorkerMidSweepLosesNoTrialAndComputesNoneTwice() throws Exception {
    Path file = Files.writeString(dir.resolve("sweep.nnx"), SWEEP.replace("TC", "5").replace("EPOCHS", "4"));
    CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> onCluster(file, "spark"));
    Path log = dir.resolve("spark/run.log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (!(Files.exists(log) && Files.readString(log).contains("computed trial")) && !run.isDone()) {
      assertThat(System.nanoTime()).as("no trial finished in 3 minutes").isLessThan(deadline);
      Thread.sleep(100);
    }
    assertThat(run).as("the sweep ended before the worker was killed").isNotDone();
    cluster.killWorker(0);
    Cli spark = run.get(5, TimeUnit.MINUTES);
    assertThat(spark.status()).as(spark.err()).isZero();
    assertThat(spark.err()).contains(" left (").contains("spark: 12/12 tasks done, ").contains(" failed and ran again");

    List<Map<String, String>> rows = CsvTable.read(dir.resolve("spark/results.csv"));
    assertThat(rows).hasSize(12);
    assertThat(rows).extracting(r -> r.get("trial")).doesNotHaveDuplicates();
    assertThat(LocalMasterTest.computed(dir.resolve("spark"))).isEqualTo(12);
    assertThat(Files.readString(dir.resolve("spark/results.csv"))).isEqualTo(Files.readString(reference(file)));
  }
}
