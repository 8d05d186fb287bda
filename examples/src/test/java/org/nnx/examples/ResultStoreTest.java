package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored results are reused, extended, listed, exported and compared; broken stores are explained. */
class ResultStoreTest {

  @TempDir
  Path dir;

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("e.nnx"), text);
  }

  private static final String ONE_METRIC = """
      experiment grid {
        seed 5
        architectures { net: dense_mlp(width = 8, depth = {4, 5}, tc = 0..3, inputs = 10, classes = 2) }
        measure count_calls
      }
      """;

  @Test
  void aSecondRunReusesEveryStoredValueAndAnExtendedOneComputesOnlyWhatIsNew() throws IOException {
    Path store = dir.resolve("nnx.db");
    Path e = file(ONE_METRIC);
    int before = CountingMetricPlugin.calls();
    Cli first = Cli.run("run", "-q", e.toString(), "--store", store.toString(), "--out", dir.resolve("a").toString());
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(CountingMetricPlugin.calls() - before).isEqualTo(8);

    Cli again = Cli.run("run", "-q", e.toString(), "--store", store.toString(), "--out", dir.resolve("b").toString());
    assertThat(again.status()).isZero();
    assertThat(CountingMetricPlugin.calls() - before).isEqualTo(8);
    assertThat(Files.readString(dir.resolve("b/results.csv"))).isEqualTo(Files.readString(dir.resolve("a/results.csv")));

    Files.writeString(e, ONE_METRIC.replace("measure count_calls", "measure count_calls, nn_mass"));
    Cli extended = Cli.run("run", "-q", e.toString(), "--store", store.toString(), "--out", dir.resolve("c").toString());
    assertThat(extended.status()).isZero();
    assertThat(CountingMetricPlugin.calls() - before).isEqualTo(8);
    assertThat(org.nnx.report.CsvTable.read(dir.resolve("c/results.csv"))).allSatisfy(r -> assertThat(r.get("nn_mass")).isNotEmpty());

    Cli fresh = Cli.run("run", "-q", e.toString(), "--store", store.toString(), "--fresh", "--out", dir.resolve("d").toString());
    assertThat(fresh.status()).isZero();
    assertThat(CountingMetricPlugin.calls() - before).isEqualTo(16);
  }

  @Test
  void runsAreListedShownExportedAndCompared() throws IOException {
    Path store = dir.resolve("nnx.db");
    Path e = file(ONE_METRIC.replace("count_calls", "nn_mass, params"));
    assertThat(Cli.run("run", "-q", e.toString(), "--store", store.toString(), "--out", dir.resolve("r1").toString()).status()).isZero();
    assertThat(Cli.run("run", "-q", e.toString(), "--store", store.toString(), "--set", "net.width=9",
        "--out", dir.resolve("r2").toString()).status()).isZero();
    Cli runs = Cli.run("runs", "--store", store.toString());
    assertThat(runs.status()).isZero();
    assertThat(runs.out()).contains("r1").contains("r2").contains("8/8").contains("done");
    Cli show = Cli.run("show", "r1", "--store", store.toString());
    assertThat(show.out()).containsPattern("(?m)^architecture +width").doesNotContain("| --- |").doesNotContain("](");
    assertThat(Cli.run("show", "r1", "--markdown", "--store", store.toString()).out()).contains("| architecture |");
    Cli csv = Cli.run("export", "r1", "--format", "csv", "--store", store.toString());
    assertThat(csv.out()).isEqualTo(Files.readString(dir.resolve("r1/results.csv")));
    Cli json = Cli.run("export", "r1", "--format", "json", "--store", store.toString());
    assertThat(json.out()).startsWith("{").contains("\"rows\"");
    Cli same = Cli.run("compare", "r1", "r1", "--store", store.toString());
    assertThat(same.out()).startsWith("no differences (16 values are the same in both runs").doesNotContain("appear in only one");
    assertThat(Cli.run("compare", "r1", "r1", "--all", "--metric", "nn_mass", "--store", store.toString()).out())
        .contains("nn_mass").doesNotContain("params");
    Cli differ = Cli.run("compare", "r1", "r2", "--store", store.toString());
    assertThat(differ.out()).contains("16 trial repeats appear in only one of the runs");
    Cli unknown = Cli.run("show", "nope", "--store", store.toString());
    assertThat(unknown.status()).as("an unknown run is the user's input").isEqualTo(2);
    assertThat(unknown.err()).contains("no run 'nope'");
    Cli ambiguous = Cli.run("show", "r", "--store", store.toString());
    assertThat(ambiguous.status()).isEqualTo(2);
    assertThat(ambiguous.err()).contains("'r' is the start of 2 runs (r1, r2)");
    // a unique prefix of a run's id names it
    assertThat(Cli.run("run", "-q", e.toString(), "--store", store.toString(), "--out", dir.resolve("zeta-run").toString())
        .status()).isZero();
    assertThat(Cli.run("export", "zet", "--format", "csv", "--store", store.toString()).out())
        .isEqualTo(Files.readString(dir.resolve("zeta-run/results.csv")));
    Cli noFolder = Cli.run("export", "r1", "--to", dir.resolve("missing/out.csv").toString(), "--store", store.toString());
    assertThat(noFolder.status()).isEqualTo(2);
    assertThat(noFolder.err()).contains("does not exist; create it or choose another --to");
    Cli outIsAFile = Cli.run("run", "-q", e.toString(), "--store", store.toString(), "--out",
        dir.resolve("r1/results.csv").toString());
    assertThat(outIsAFile.status()).isEqualTo(2);
    assertThat(outIsAFile.err()).contains("is a file, not a folder").doesNotContain("failure of nnx");
  }

  @Test
  void twoFoldersOfOneNameAreTwoRuns() throws IOException {
    Path store = dir.resolve("nnx.db");
    Path e = file(ONE_METRIC.replace("count_calls", "params"));
    for (String folder : new String[] {"a/same", "b/same", "a/same"}) {
      assertThat(Cli.run("run", "-q", e.toString(), "--store", store.toString(), "--out",
          dir.resolve(folder).toString()).status()).isZero();
    }
    Cli runs = Cli.run("runs", "--store", store.toString());
    assertThat(runs.out()).contains(dir.resolve("a/same").toString()).contains(dir.resolve("b/same").toString());
    assertThat(runs.out().lines().filter(l -> l.startsWith("same"))).hasSize(2);
  }

  @Test
  void anotherApplicationsDatabaseIsRefusedAndLeftAlone() throws Exception {
    Path store = dir.resolve("other.db");
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + store);
         var s = c.createStatement()) {
      s.execute("CREATE TABLE people (name TEXT)");
      s.execute("INSERT INTO people VALUES ('ada')");
    }
    Path e = file(ONE_METRIC.replace("count_calls", "params"));
    for (String fresh : new String[] {"--workers=1", "--fresh"}) {
      Cli run = Cli.run("run", "-q", fresh, e.toString(), "--store", store.toString(), "--out", dir.resolve("o").toString());
      assertThat(run.status()).as(run.err()).isEqualTo(2);
      assertThat(run.err()).contains("is a database of another application").contains("tables people");
    }
    assertThat(store).exists();
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + store);
         var rs = c.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
      List<String> tables = new java.util.ArrayList<>();
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
      assertThat(tables).containsExactly("people");
    }
  }

  @Test
  void aCorruptStoreIsExplainedAndFreshSetsItAside() throws IOException {
    Path store = Files.writeString(dir.resolve("nnx.db"), "this is not a database, just some text ".repeat(200));
    Path e = file(ONE_METRIC.replace("count_calls", "params"));
    Cli broken = Cli.run("run", "-q", e.toString(), "--store", store.toString(), "--out", dir.resolve("x").toString());
    assertThat(broken.status()).isEqualTo(1);
    assertThat(broken.err()).contains("is not a usable nnx result store").contains("--fresh")
        .doesNotContain("Exception").doesNotContain("\tat ");
    Cli fresh = Cli.run("run", "-q", e.toString(), "--store", store.toString(), "--fresh", "--out", dir.resolve("y").toString());
    assertThat(fresh.status()).as(fresh.err()).isZero();
    assertThat(fresh.err()).contains("moved to");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("nnx.db.broken-"))).hasSize(1);
    }
    List<Map<String, String>> rows = org.nnx.report.CsvTable.read(dir.resolve("y/results.csv"));
    assertThat(rows).hasSize(8);
  }

  @Test
  void aTruncatedStoreIsDetected() throws IOException {
    Path store = dir.resolve("nnx.db");
    Path e = file(ONE_METRIC.replace("count_calls", "params"));
    assertThat(Cli.run("run", "-q", e.toString(), "--store", store.toString(), "--out", dir.resolve("x").toString()).status()).isZero();
    for (String extra : List.of("-wal", "-shm")) {
      Files.deleteIfExists(dir.resolve("nnx.db" + extra));
    }
    byte[] bytes = Files.readAllBytes(store);
    Files.write(store, java.util.Arrays.copyOf(bytes, bytes.length / 2 + 7));
    Cli broken = Cli.run("runs", "--store", store.toString());
    assertThat(broken.status()).isEqualTo(1);
    assertThat(broken.err()).contains("nnx: error:").doesNotContain("\tat ");
  }
}
