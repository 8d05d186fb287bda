package org.nnx.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.examples.Cli;

/**
 * {@code --executor spark --master local[2]}: a training sweep gives the local executor's results
 * byte for byte, a rerun submits only what the store lacks (also after its driver was killed), and
 * unusable options are one line each.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hung job fails its test instead of stalling the build
class LocalMasterTest {

  private static final String SWEEP = """
      experiment tiny {
        seed 5
        data synthetic(shape = circle, segments = 10)
        architectures { net: dense_mlp(width = 4, depth = {3, 4}, tc = {0, 1}, activation = relu) }
        train {
          optimizer = adam(lr = 1e-3)
          batch = 100
          epochs = 1
        }
        measure nn_mass, test_accuracy
      }
      """;

  @TempDir
  Path dir;

  static int computed(Path runDir) throws IOException {
    return (int) Files.readAllLines(runDir.resolve("run.log")).stream().filter(l -> l.contains("computed trial"))
        .count();
  }

  @Test
  void aLocalMasterGivesTheLocalExecutorsResultsByteForByte() throws IOException {
    Path file = Files.writeString(dir.resolve("tiny.nnx"), SWEEP);
    Cli local = Cli.run("run", "-q", file.toString(), "--out", dir.resolve("local").toString(), "--workers", "2");
    assertThat(local.status()).as(local.err()).isZero();
    Cli spark = Cli.run("run", file.toString(), "--out", dir.resolve("spark").toString(), "--executor", "spark",
        "--master", "local[2]", "--conf", "spark.ui.enabled=false");
    assertThat(spark.status()).as(spark.err()).isZero();

    assertThat(Files.readString(dir.resolve("spark/results.csv")))
        .isEqualTo(Files.readString(dir.resolve("local/results.csv")));
    assertThat(Files.readString(dir.resolve("spark/run.json")).replaceAll("\\s+", " "))
        .contains("\"executor\": { \"name\": \"spark\", \"master\": \"local[2]\", \"spark_version\": \"4.2.0\"");
    assertThat(computed(dir.resolve("spark"))).isEqualTo(4);
  }

  @Test
  void aRerunOnTheSameStoreSubmitsOnlyTheTrialsItLacks() throws IOException {
    Path file = Files.writeString(dir.resolve("tiny.nnx"), SWEEP);
    String store = dir.resolve("nnx.db").toString();
    Cli half = Cli.run("run", "-q", file.toString(), "--store", store, "--out", dir.resolve("half").toString(),
        "--set", "net.tc={0}", "--executor", "spark", "--master", "local[2]", "--conf", "spark.ui.enabled=false");
    assertThat(half.status()).as(half.err()).isZero();
    assertThat(computed(dir.resolve("half"))).isEqualTo(2);

    Cli full = Cli.run("run", file.toString(), "--store", store, "--out", dir.resolve("full").toString(),
        "--executor", "spark", "--master", "local[2]", "--conf", "spark.ui.enabled=false");
    assertThat(full.status()).as(full.err()).isZero();
    assertThat(computed(dir.resolve("full"))).isEqualTo(2);
    assertThat(full.err()).contains("spark: 2 tasks on local[2]").contains("spark: 2/2 tasks done");

    Cli again = Cli.run("run", "-q", file.toString(), "--store", store, "--out", dir.resolve("again").toString(),
        "--executor", "spark", "--master", "local[2]", "--conf", "spark.ui.enabled=false");
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(computed(dir.resolve("again"))).isZero();
    assertThat(Files.readString(dir.resolve("again/results.csv")))
        .isEqualTo(Files.readString(dir.resolve("full/results.csv")));
  }

  /** The driver is this process's child here, so that it can be killed (SIGKILL) mid-sweep. */
  private Process driver(Path file, Path store, Path out) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(Arrays.asList(System.getProperty("nnx.spark.java.options").trim().split("\\s+")));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "-D" + ExecutorClassPath.SPARK_HOME_PROPERTY
        + "=" + System.getProperty(ExecutorClassPath.SPARK_HOME_PROPERTY), "org.nnx.cli.Main", "run", "-q",
        file.toString(), "--store", store.toString(), "--out", out.toString(), "--executor", "spark", "--master",
        "local[2]", "--conf", "spark.ui.enabled=false"));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("driver.log").toFile())
        .start();
  }

  @Test
  void aKilledDriverRerunComputesOnlyTheRestAndGivesTheSameResults() throws Exception {
    Path file = Files.writeString(dir.resolve("tiny.nnx"), SWEEP.replace("tc = {0, 1}", "tc = 0..5")
        .replace("epochs = 1", "epochs = 3"));
    Path store = dir.resolve("nnx.db");
    Process killed = driver(file, store, dir.resolve("killed"));
    Path log = dir.resolve("killed/run.log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!(Files.exists(log) && computed(dir.resolve("killed")) >= 2) && killed.isAlive()) {
      assertThat(System.nanoTime()).as("no trial finished in 2 minutes").isLessThan(deadline);
      Thread.sleep(50);
    }
    assertThat(killed.isAlive()).as("the sweep ended before its driver was killed").isTrue();
    killed.destroyForcibly();
    assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
    int before = computed(dir.resolve("killed"));

    Process resumed = driver(file, store, dir.resolve("resumed"));
    assertThat(resumed.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(resumed.exitValue()).as(Files.readString(dir.resolve("driver.log"))).isZero();
    assertThat(computed(dir.resolve("resumed"))).isLessThanOrEqualTo(12 - before);
    Cli local = Cli.run("run", "-q", file.toString(), "--out", dir.resolve("local").toString(), "--workers", "2");
    assertThat(local.status()).as(local.err()).isZero();
    assertThat(Files.readString(dir.resolve("resumed/results.csv")))
        .isEqualTo(Files.readString(dir.resolve("local/results.csv")));
  }

  @Test
  void unusableExecutorOptionsAreOneLineWithExitStatus2() throws IOException {
    Path file = Files.writeString(dir.resolve("tiny.nnx"), SWEEP);
    String[][] cases = {
        {"--executor", "spark", "--master", "local[two]"},
        {"--executor", "spark", "--master", "yarn"},
        {"--executor", "spark", "--workers", "2"},
        {"--executor", "spark", "--executor-cores", "0"},
        {"--executor", "mpi"},
        {"--master", "local[2]"},
    };
    String[] expected = {
        "nnx: error: --master local[two]: not a Spark master URL; give local[N], local[*], spark://HOST:PORT",
        "nnx: error: --master yarn: Spark finds the YARN ResourceManager in the Hadoop configuration; set",
        "nnx: error: --workers is for the local executor",
        "nnx: error: --executor-cores must be at least 1, got 0",
        "nnx: error: --executor mpi: no such executor (known: local, spark)",
        "nnx: error: --master, --executor-cores and --conf are for a cluster executor",
    };
    for (int i = 0; i < cases.length; i++) {
      String[] args = new String[4 + cases[i].length];
      System.arraycopy(new String[] {"run", file.toString(), "--out", dir.resolve("bad-" + i).toString()}, 0, args, 0, 4);
      System.arraycopy(cases[i], 0, args, 4, cases[i].length);
      Cli bad = Cli.run(args);
      assertThat(bad.status()).as(bad.err()).isEqualTo(2);
      assertThat(bad.err()).startsWith(expected[i]);
      assertThat(bad.err().strip().lines()).hasSize(1);
      assertThat(dir.resolve("bad-" + i)).doesNotExist();
    }
  }

  /** A Kubernetes API server that refuses the connection (a closed loopback port): exit 1, one line, what to check. */
  @Test
  void aClusterThatCannotBeReachedIsARuntimeFailureThatSaysWhatToCheck() throws IOException {
    Path file = Files.writeString(dir.resolve("tiny.nnx"), SWEEP);
    Cli run = Cli.run("run", "-q", file.toString(), "--out", dir.resolve("unreachable").toString(), "--executor", "spark",
        "--master", "k8s://https://127.0.0.1:1", "--conf", "spark.kubernetes.container.image=nnx:1");
    assertThat(run.status()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).startsWith("nnx: error: the Spark application could not start on k8s://https://127.0.0.1:1: ")
        .contains("Connection refused").contains("check the master URL").doesNotContain("failure of nnx");
    assertThat(run.err().strip().lines()).hasSize(1);
  }
}
