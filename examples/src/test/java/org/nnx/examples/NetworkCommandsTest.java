package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.report.CsvTable;

/**
 * The commands around networks written in the language: {@code nnx summary}, {@code nnx plugins
 * FILE}, the run directory's {@code networks/}, sweeps and overrides of a written network's
 * parameters, and every example of {@code examples/networks/} running.
 */
class NetworkCommandsTest {

  private static final String FILE = """
      block unit(c, stride = 1) {
        residual {
          conv2d(c, 3, stride = stride, padding = 1, bias = false)
          batch_norm
          relu
        }
      }
      network tiny(width = 8, depth = 2) {
        input [3, 16, 16]
        conv2d(width, 3, padding = 1) as stem
        repeat depth {
          unit(width)
        }
        unit(width * 2, stride = 2)
        global_avg_pool
        dense(10) as fc
      }
      experiment t {
        architectures {
          a: tiny(width = {4, 8})
          b: tiny(depth = 1)
        }
        measure params, flops
      }
      """;

  @TempDir
  Path dir;

  private Path write() throws Exception {
    Path f = dir.resolve("t.nnx");
    Files.writeString(f, FILE);
    return f;
  }

  @Test
  void summaryPrintsEachTrialsNodesShapesParamsAndFlops() throws Exception {
    Path f = write();
    Cli all = Cli.run("summary", f.toString());
    assertThat(all.status()).as(all.err()).isZero();
    assertThat(all.out()).contains("experiment t, trial 0 (a): tiny(width = 4, depth = 2)")
        .contains("experiment t, trial 2 (b): tiny(width = 8, depth = 1)")
        .contains("stem ").contains("conv2d 3x3/1 pad 1, 3 -> 4").contains("4x16x16")
        .contains("unit.residual.conv2d").contains("unit_3.residual.shortcut.conv").contains("8x8x8");
    Cli one = Cli.run("summary", f.toString(), "--only", "b", "--set", "b.width=16");
    assertThat(one.status()).as(one.err()).isZero();
    assertThat(one.out()).contains("trial 2 (b): tiny(width = 16, depth = 1)").doesNotContain("(a)");
    // the totals are the params and flops metrics' values
    Cli run = Cli.run("run", "-q", f.toString(), "--out", dir.resolve("out").toString());
    assertThat(run.status()).as(run.err()).isZero();
    List<Map<String, String>> rows = CsvTable.read(dir.resolve("out/results.csv"));
    String total = one.out().lines().filter(l -> l.startsWith("total")).findFirst().orElseThrow();
    Cli b16 = Cli.run("run", "-q", f.toString(), "--only", "t", "--set", "b.width=16", "--out",
        dir.resolve("out16").toString());
    assertThat(b16.status()).as(b16.err()).isZero();
    Map<String, String> row = CsvTable.read(dir.resolve("out16/results.csv")).get(2);
    assertThat(total).contains(row.get("params")).contains(row.get("flops"));
    assertThat(rows).hasSize(3);
    assertThat(rows).extracting(r -> r.get("width")).containsExactly("4", "8", "8");

    Cli bad = Cli.run("summary", f.toString(), "--only", "c");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("no architecture labelled 'c' in this file (labels are a, b)");
  }

  @Test
  void theRunDirectoryHasEachTrialsNetworkAndTheReportLinksThem() throws Exception {
    Path f = write();
    Cli run = Cli.run("run", f.toString(), "--out", dir.resolve("out").toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("networks/").doesNotContain("trial-0.txt");
    assertThat(dir.resolve("out/networks/trial-0.txt")).exists();
    assertThat(Files.readString(dir.resolve("out/networks/trial-1.txt")))
        .isEqualTo(Cli.run("summary", f.toString(), "--only", "a").out().split("\n\n(?=experiment)")[1]);
    assertThat(Files.readString(dir.resolve("out/networks/index.md"))).contains("| [2](trial-2.txt) | b | tiny |");
    assertThat(Files.readString(dir.resolve("out/report.html"))).contains("href=\"networks/index.md\"");
    // experiment.nnx carries the network and its blocks, and runs on its own
    Cli again = Cli.run("run", "-q", dir.resolve("out/experiment.nnx").toString(), "--out",
        dir.resolve("again").toString());
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(Files.readString(dir.resolve("again/results.csv"))).isEqualTo(Files.readString(dir.resolve("out/results.csv")));
  }

  @Test
  void pluginsListsTheNetworksOfAFile() throws Exception {
    Cli result = Cli.run("plugins", write().toString());
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).contains("Networks of ").contains("  tiny - network written in ")
        .contains("      width = 8: integer. a parameter of tiny");
  }

  @Test
  void everyExampleNetworkRuns() throws Exception {
    try (var files = Files.list(Cli.root().resolve("examples/networks"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".nnx")).sorted().toList()) {
        Path out = dir.resolve(f.getFileName().toString());
        Cli run = Cli.run("run", "-q", f.toString(), "--out", out.toString());
        assertThat(run.status()).as(f + ": " + run.err()).isZero();
        assertThat(run.err()).isEmpty();
      }
    }
  }
}
