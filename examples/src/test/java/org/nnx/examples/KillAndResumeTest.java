package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run of 48 quick trials is killed with SIGKILL at random moments five times, then resumed to the
 * end: every trial appears exactly once, with the values of an uninterrupted run of the same seed.
 * Two processes on one store at once compute no trial twice and lose none.
 */
class KillAndResumeTest {

  private static final String EXPERIMENT = """
      experiment kill {
        seed 11
        architectures { net: dense_mlp(width = 4, depth = {4, 5, 6, 7}, tc = 0..11, inputs = 6, classes = 2) }
        measure slow_seed(millis = 40), nn_mass
      }
      """;

  @TempDir
  Path dir;

  private Process start(Path file, Path store, Path out) throws IOException {
    return start(file, store, out, dir.resolve("process-" + System.nanoTime() + ".log"));
  }

  private Process start(Path file, Path store, Path out, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "org.nnx.cli.Main", "run", "-q", file.toString(), "--store", store.toString(), "--out", out.toString(),
        "--workers", "2"));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** SIGTERM (as Ctrl-C): the run says what it kept and how to resume, and nnx runs shows it interrupted. */
  @Test
  void anInterruptedRunSaysWhatItKeptAndIsRecordedSo() throws Exception {
    Path file = Files.writeString(dir.resolve("kill.nnx"), EXPERIMENT.replace("millis = 40", "millis = 300"));
    Path store = dir.resolve("nnx.db");
    Path log = dir.resolve("interrupted.log");
    Process p = start(file, store, dir.resolve("interrupted"), log);
    long deadline = System.currentTimeMillis() + 30_000;
    // once a trial repeat is done (its row is on file), and while the run goes on
    Path partial = dir.resolve("interrupted/results.partial.csv");
    while (!Files.exists(partial) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(Cli.run("runs", "--store", store.toString()).out()).contains("running");
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(log)).contains("nnx: interrupted: experiment kill had ")
        .contains("Run the same command again to resume");
    Cli runs = Cli.run("runs", "--store", store.toString());
    assertThat(runs.out()).contains("interrupted");

    // what it finished is on file, and export writes it, marked partial
    Path folder = dir.resolve("interrupted");
    assertThat(folder.resolve("results.csv")).doesNotExist();
    Cli csv = Cli.run("export", folder.toString(), "--store", store.toString());
    assertThat(csv.status()).as(csv.err()).isZero();
    assertThat(csv.err()).contains("nnx: warning: run ").contains(" is partial (status interrupted, ")
        .contains("of 48 trial repeats");
    List<String> lines = csv.out().lines().toList();
    assertThat(lines.get(0)).startsWith("trial,");
    assertThat(lines.size() - 1).isBetween(1, 47);
    Cli json = Cli.run("export", folder.toString(), "--format", "json", "--store", store.toString());
    assertThat(json.status()).as(json.err()).isZero();
    assertThat(json.out()).contains("\"partial\": true").contains("\"done\": " + (lines.size() - 1))
        .contains("\"total\": 48");

    // resumed to its end, the run needs no partial files and leaves none
    Process resumed = start(file, store, dir.resolve("resumed"));
    assertThat(resumed.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(dir.resolve("resumed/results.csv")).exists();
    assertThat(dir.resolve("resumed/results.partial.csv")).doesNotExist();
    assertThat(dir.resolve("resumed/results.partial.json")).doesNotExist();
  }

  @Test
  void killedFiveTimesThenResumedGivesTheUninterruptedResults() throws Exception {
    Path file = Files.writeString(dir.resolve("kill.nnx"), EXPERIMENT);
    Path store = dir.resolve("nnx.db");
    Random random = new Random(2021);
    for (int kill = 0; kill < 5; kill++) {
      Process p = start(file, store, dir.resolve("killed-" + kill));
      Thread.sleep(400 + random.nextInt(1200));
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    Process resumed = start(file, store, dir.resolve("resumed"));
    assertThat(resumed.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(resumed.exitValue()).isZero();

    Cli reference = Cli.run("run", "-q", file.toString(), "--out", dir.resolve("reference").toString());
    assertThat(reference.status()).as(reference.err()).isZero();

    List<Map<String, String>> rows = org.nnx.report.CsvTable.read(dir.resolve("resumed/results.csv"));
    assertThat(rows).hasSize(48);
    assertThat(rows).extracting(r -> r.get("trial")).doesNotHaveDuplicates();
    assertThat(Files.readString(dir.resolve("resumed/results.csv")))
        .isEqualTo(Files.readString(dir.resolve("reference/results.csv")));
  }

  private int computed(Path runDir) throws IOException {
    return (int) Files.readAllLines(runDir.resolve("run.log")).stream().filter(l -> l.contains("computed trial"))
        .count();
  }

  /**
   * A trial's seed and stored values follow what it is, not where the sweep puts it: a sweep widened
   * with other workers computes only the new trials, a reordered one computes nothing, and every
   * trial keeps its values.
   */
  @Test
  void extendingOrReorderingASweepWithOtherWorkersReusesEveryStoredValue() throws Exception {
    Path store = dir.resolve("nnx.db");
    String half = EXPERIMENT.replace("millis = 40", "millis = 1").replace("tc = 0..11", "tc = {0, 2, 4, 6, 8, 10}");
    Cli first = Cli.run("run", "-q", Files.writeString(dir.resolve("half.nnx"), half).toString(), "--store",
        store.toString(), "--out", dir.resolve("half").toString(), "--workers", "2");
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(computed(dir.resolve("half"))).isEqualTo(24);

    String full = EXPERIMENT.replace("millis = 40", "millis = 1");
    Cli widened = Cli.run("run", "-q", Files.writeString(dir.resolve("full.nnx"), full).toString(), "--store",
        store.toString(), "--out", dir.resolve("full").toString(), "--workers", "1");
    assertThat(widened.status()).as(widened.err()).isZero();
    assertThat(computed(dir.resolve("full"))).isEqualTo(24);

    String reversed = full.replace("depth = {4, 5, 6, 7}", "depth = {7, 6, 5, 4}").replace("tc = 0..11",
        "tc = {11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}");
    Cli reordered = Cli.run("run", "-q", Files.writeString(dir.resolve("reversed.nnx"), reversed).toString(),
        "--store", store.toString(), "--out", dir.resolve("reversed").toString());
    assertThat(reordered.status()).as(reordered.err()).isZero();
    assertThat(computed(dir.resolve("reversed"))).isZero();

    // each (depth, tc) has the same seed and values in all three runs, and in a run without a store
    Cli alone = Cli.run("run", "-q", dir.resolve("full.nnx").toString(), "--out", dir.resolve("alone").toString());
    assertThat(alone.status()).as(alone.err()).isZero();
    Map<String, Map<String, String>> byDesign = new java.util.HashMap<>();
    for (String run : List.of("half", "full", "reversed", "alone")) {
      for (Map<String, String> row : org.nnx.report.CsvTable.read(dir.resolve(run + "/results.csv"))) {
        Map<String, String> values = new java.util.TreeMap<>(row);
        values.remove("trial");
        Map<String, String> known = byDesign.putIfAbsent(row.get("depth") + "/" + row.get("tc"), values);
        if (known != null) {
          assertThat(values).as(run + " " + row).isEqualTo(known);
        }
      }
    }
    assertThat(byDesign).hasSize(48);
  }

  @Test
  void twoProcessesShareOneStoreWithoutComputingATrialTwice() throws Exception {
    Path file = Files.writeString(dir.resolve("kill.nnx"), EXPERIMENT);
    Path store = dir.resolve("nnx.db");
    Process a = start(file, store, dir.resolve("a"));
    Process b = start(file, store, dir.resolve("b"));
    assertThat(a.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(a.exitValue()).isZero();
    assertThat(b.exitValue()).isZero();
    assertThat(Files.readString(dir.resolve("a/results.csv"))).isEqualTo(Files.readString(dir.resolve("b/results.csv")));
    // each process logs the trials it computed itself; together they computed each exactly once
    int computed = 0;
    for (String log : List.of("a/run.log", "b/run.log")) {
      computed += (int) Files.readAllLines(dir.resolve(log)).stream().filter(l -> l.contains("computed trial")).count();
    }
    assertThat(computed).isEqualTo(48);
  }
}
