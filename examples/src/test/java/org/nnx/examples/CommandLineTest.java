package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit statuses, options and reproducibility of the command line. */
class CommandLineTest {

  @TempDir
  Path dir;

  @Test
  void theIssuesUnknownMetricExample() {
    Path file = Cli.root().resolve("examples/errors/unknown-metric.nnx");
    Cli result = Cli.run("check", file.toString());
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err().replace(file.toString(), "examples/errors/unknown-metric.nnx")).isEqualTo(
        "examples/errors/unknown-metric.nnx:3:11: error: unknown metric 'nn_mas' (did you mean 'nn_mass'?)\n");
  }

  @Test
  void checkAppliesOverridesAsRunDoes() throws IOException {
    Path file = write("eps.nnx", """
        experiment eps {
          architectures { net: mlp(width = 8, depth = 4, skip = residual, inputs = 10, classes = 2) }
          measure params
        }
        """);
    assertThat(Cli.run("check", file.toString(), "--set", "net.epsilon=0.5").status()).isEqualTo(0);
    Cli bad = Cli.run("check", file.toString(), "--set", "net.epsilon=-1");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("'epsilon' is -1, out of range");
  }

  @Test
  void aMissingFileIsBadInput() {
    Cli result = Cli.run("run", dir.resolve("nope.nnx").toString());
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).endsWith("nope.nnx:1:1: error: cannot read file: no such file (check the path)\n");
  }

  @Test
  void anUnknownOptionIsBadInput() {
    Cli result = Cli.run("run", "--frobnicate", "x.nnx");
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).contains("Unknown option: '--frobnicate'").doesNotContain("Exception");
  }

  /** Every command's help works without a FILE, in each spelling, and lists its options. */
  @Test
  void everyCommandHasHelp() {
    for (String[] args : new String[][] {{"run", "--help"}, {"run", "-h"}, {"help", "run"}, {"check", "--help"},
        {"export", "--help"}, {"data", "fetch", "--help"}, {"help"}, {"--help"}}) {
      Cli help = Cli.run(args);
      assertThat(help.status()).as(String.join(" ", args) + ": " + help.err()).isZero();
      assertThat(help.out()).as(String.join(" ", args)).contains("Usage: nnx");
    }
    assertThat(Cli.run("run", "--help").out()).contains("--workers").contains("--out");
  }

  @Test
  void aPluginsOrDataFolderThatDoesNotExistIsBadInput() throws IOException {
    Path f = write("ok.nnx", "experiment e { architectures { n: dense_mlp(width = 4, depth = 4, tc = 1, inputs = 4,"
        + " classes = 2) }\n measure params }");
    Cli plugins = Cli.run("check", "--plugins", dir.resolve("no-such-folder").toString(), f.toString());
    assertThat(plugins.status()).isEqualTo(2);
    assertThat(plugins.err()).contains("--plugins").contains("no such folder").doesNotContain("failure of nnx");
    Path garbage = Files.createDirectories(dir.resolve("plugins-with-garbage"));
    Files.writeString(garbage.resolve("broken.jar"), "not a jar");
    Cli broken = Cli.run("check", "--plugins", garbage.toString(), f.toString());
    assertThat(broken.status()).isEqualTo(2);
    assertThat(broken.err()).contains("broken.jar is not a readable jar").doesNotContain("Exception");
    Cli data = Cli.run("run", "-q", f.toString(), "--data", dir.resolve("no-data").toString(), "--out",
        dir.resolve("o").toString());
    assertThat(data.status()).isEqualTo(2);
    assertThat(data.err()).contains("--data").contains("no such folder").doesNotContain("failure of nnx");
  }

  /**
   * Missing data: check warns at the data entry (the file is right, this machine lacks its data),
   * and run refuses before anything is computed, leaving no run folder and no run record.
   */
  @Test
  void missingDataIsAWarningAtCheckAndRefusedBeforeTheRun() throws IOException {
    Path f = write("cifar.nnx", "experiment c {\n  data cifar10\n  train { epochs = 1 }\n"
        + "  architectures { n: dense_mlp(width = 8, depth = 4, tc = 1) }\n  measure test_accuracy\n}\n");
    Path store = dir.resolve("nnx.db");
    String home = System.getProperty("user.home");
    System.setProperty("user.home", Files.createDirectories(dir.resolve("empty-home")).toString());
    try {
      Cli check = Cli.run("check", f.toString());
      assertThat(check.status()).isZero();
      assertThat(check.err()).startsWith(f + ":2:8: warning: CIFAR-10 not found in [")
          .contains("pass --data DIR").endsWith("(nnx run refuses it until then)\n");
      Cli run = Cli.run("run", "-q", f.toString(), "--out", dir.resolve("cifar-out").toString(), "--store",
          store.toString());
      assertThat(run.status()).isEqualTo(2);
      assertThat(run.err()).startsWith(f + ":2:8: error: CIFAR-10 not found");
    } finally {
      System.setProperty("user.home", home);
    }
    assertThat(dir.resolve("cifar-out")).doesNotExist();
    assertThat(Cli.run("runs", "--store", store.toString()).out()).doesNotContain("cifar-out");
  }

  /** The trials of a whole file are bounded, not only each declaration's: the experiment past the bound is refused. */
  @Test
  void aFileOfManyLargeSweepsIsRefusedAtTheDeclarationPastTheBound() throws IOException {
    String one = "experiment eN {\n  architectures { n: dense_mlp(width = 4, depth = 4, tc = 0..399999, inputs = 4,"
        + " classes = 2) }\n  measure params\n}\n";
    Path f = write("many.nnx", one.replace("eN", "e0") + one.replace("eN", "e1") + one.replace("eN", "e2"));
    Cli check = Cli.run("check", f.toString());
    assertThat(check.status()).isEqualTo(2);
    assertThat(check.err()).isEqualTo(f + ":10:19: error: the file would expand to more than 1000000 trials over all"
        + " its experiments (split it into several files, narrow the sweeps or draw some configurations with sample N)\n");
  }

  /** A network far beyond the heap: check warns at the architecture, run refuses before computing. */
  @Test
  void aNetworkTooLargeForTheHeapIsRefusedBeforeTheRun() throws IOException {
    Path f = write("huge.nnx", "experiment h {\n  data synthetic(shape = circle)\n"
        + "  architectures { net: mlp(width = 16000, depth = 1000, inputs = 2, classes = 2) }\n  measure naswot\n}\n");
    Cli check = Cli.run("check", f.toString());
    assertThat(check.status()).isZero();
    assertThat(check.err()).startsWith(f + ":3:24: warning: net: mlp(width = 16000, depth = 1000")
        .contains("of heap per trial repeat").contains("choose a smaller network");
    Cli run = Cli.run("run", "-q", f.toString(), "--out", dir.resolve("huge-out").toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith(f + ":3:24: error: net: mlp(").doesNotContain("OutOfMemoryError");
    assertThat(dir.resolve("huge-out")).doesNotExist();
  }

  @Test
  void pluginsListsTheTrainSettings() {
    Cli plugins = Cli.run("plugins");
    assertThat(plugins.status()).isZero();
    assertThat(plugins.out()).contains("Trainer (train {").contains("epochs = 1: integer >= 1")
        .contains("Training settings from plugins").contains("ablation")
        // a choice of records lists each record's own options
        .contains("        pcm(...):\n          time = 3600 s").contains("adam(...):");
  }

  @Test
  void anUnknownOptionOrCommandSuggestsTheNearest() {
    Cli option = Cli.run("run", "--worker", "2", "x.nnx");
    assertThat(option.status()).isEqualTo(2);
    assertThat(option.err()).contains("did you mean '--workers'");
    Cli command = Cli.run("runn", "x.nnx");
    assertThat(command.status()).isEqualTo(2);
    assertThat(command.err()).contains("did you mean 'run'");
  }

  @Test
  void onlyRunsOneExperimentAndRejectsUnknownNames() throws IOException {
    Path file = write("two.nnx", """
        experiment first {
          architectures { m: dense_mlp(width = 8, depth = 4, tc = 2, inputs = 10, classes = 2) }
          measure params
        }
        experiment second {
          architectures { m: dense_mlp(width = 8, depth = 5, tc = 2, inputs = 10, classes = 2) }
          measure nn_mass
        }
        """);
    Cli both = Cli.run("run", "-q", file.toString(), "--out", dir.resolve("both").toString());
    assertThat(both.status()).as(both.err()).isZero();
    assertThat(dir.resolve("both/first/results.csv")).exists();
    assertThat(dir.resolve("both/second/results.csv")).exists();
    Cli one = Cli.run("run", "-q", file.toString(), "--only", "second", "--out", dir.resolve("one").toString());
    assertThat(one.status()).as(one.err()).isZero();
    assertThat(dir.resolve("one/results.csv")).exists();
    Cli wrong = Cli.run("run", "-q", file.toString(), "--only", "third", "--out", dir.resolve("x").toString());
    assertThat(wrong.status()).isEqualTo(2);
    assertThat(wrong.err()).contains("no experiment named 'third'");
  }

  @Test
  void setOverridesParametersSeedsAndRepeats() throws IOException {
    Path file = write("grid.nnx", """
        experiment grid {
          architectures { net: dense_mlp(width = 8, depth = 4, tc = 2, inputs = 10, classes = 2) }
          measure nn_mass
        }
        """);
    Cli result = Cli.run("run", "-q", file.toString(), "--out", dir.resolve("o").toString(),
        "--set", "net.depth={5, 6}", "--set", "seed=42", "--set", "repeats=2");
    assertThat(result.status()).as(result.err()).isZero();
    List<Map<String, String>> rows = org.nnx.report.CsvTable.read(dir.resolve("o/results.csv"));
    assertThat(rows).extracting(r -> r.get("depth") + "/" + r.get("repeat")).containsExactly("5/0", "5/1", "6/0", "6/1");
    String resolved = Files.readString(dir.resolve("o/experiment.nnx"));
    assertThat(resolved).contains("seed 42").contains("repeats 2").contains("depth = {5, 6}");
    Cli bad = Cli.run("run", "-q", file.toString(), "--set", "nope.depth=3");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("--set nope.depth:1:1: error: no architecture labelled 'nope'");
  }

  /** --set reaches train settings and data options with the file's syntax, sweeps included. */
  @Test
  void setReachesTrainSettingsAndDataOptions() throws IOException {
    Path file = write("trained.nnx", """
        network small() {
          input [1, 8, 8]
          flatten
          dense(4)
        }
        experiment t {
          data random_images(channels = 1, size = 8, classes = 4, train = 64, test = 32)
          train { epochs = 1, batch = 32 }
          architectures { net: small() }
          measure test_accuracy
        }
        """);
    Cli result = Cli.run("run", "-q", file.toString(), "--out", dir.resolve("t").toString(),
        "--set", "train.batch={16, 32}", "--set", "train.optimizer=sgd(lr = 0.1)", "--set", "data.test=16");
    assertThat(result.status()).as(result.err()).isZero();
    List<Map<String, String>> rows = org.nnx.report.CsvTable.read(dir.resolve("t/results.csv"));
    assertThat(rows).extracting(r -> r.get("batch")).containsExactly("16", "32");
    String resolved = Files.readString(dir.resolve("t/experiment.nnx"));
    assertThat(resolved).contains("batch = {16, 32}").contains("optimizer = sgd(lr = 0.1)").contains("test = 16");
    Cli bad = Cli.run("check", file.toString(), "--set", "train.batchh=3");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("batchh");
  }

  @Test
  void sameFileAndSeedGiveByteIdenticalResultsWhateverTheWorkers() throws IOException {
    Path file = Cli.root().resolve("examples/nnmass-mlp-grid.nnx");
    Cli a = Cli.run("run", "-q", file.toString(), "--out", dir.resolve("a").toString(), "--workers", "1");
    Cli b = Cli.run("run", "-q", file.toString(), "--out", dir.resolve("b").toString(), "--workers", "2");
    assertThat(a.status()).isZero();
    assertThat(b.status()).isZero();
    assertThat(Files.readString(dir.resolve("a/results.csv"))).isEqualTo(Files.readString(dir.resolve("b/results.csv")));
  }

  @Test
  void aFailingMetricExitsOneAndKeepsTheOtherResults() throws IOException {
    Path file = write("fails.nnx", """
        experiment fails {
          architectures { m: dense_mlp(width = 8, depth = {4, 5}, tc = 2, inputs = 10, classes = 2) }
          measure params, test_failure, flops
        }
        """);
    Cli result = Cli.run("run", "-q", file.toString(), "--out", dir.resolve("f").toString());
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err()).contains("metric test_failure failed on trial 1").doesNotContain("\tat ");
    List<Map<String, String>> rows = org.nnx.report.CsvTable.read(dir.resolve("f/results.csv"));
    assertThat(rows).extracting(r -> r.get("params")).containsExactly("270", "358");
    // the metric after the failing one is still computed
    assertThat(rows).extracting(r -> r.get("flops")).containsExactly("514", "682");
    assertThat(rows.get(0).get("test_failure")).isEqualTo("0");
    assertThat(rows.get(1).get("test_failure")).isEmpty();
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
