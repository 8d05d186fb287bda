package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every example file checks cleanly, and the architecture-only examples run as documented. */
class ExampleFilesTest {

  @TempDir
  Path out;

  @TestFactory
  Stream<DynamicTest> everyExampleChecks() throws IOException {
    Path examples = Cli.root().resolve("examples");
    return Stream.concat(Files.list(examples), Files.list(examples.resolve("networks")))
        .filter(f -> f.toString().endsWith(".nnx")).sorted()
        .map(file -> DynamicTest.dynamicTest(examples.relativize(file).toString(), () -> {
          Cli result = Cli.run("check", file.toString());
          assertThat(result.status()).as(result.err()).isZero();
          assertThat(result.out()).contains(": ok");
        }));
  }

  @Test
  void theGridSweepsDepthThenTcWithTcFastest() throws IOException {
    Cli result = Cli.run("run", "-q", example("nnmass-mlp-grid.nnx"), "--out", out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    List<Map<String, String>> rows = org.nnx.report.CsvTable.read(out.resolve("results.csv"));
    assertThat(rows).hasSize(6 * 15);
    assertThat(rows.get(0)).containsEntry("depth", "16").containsEntry("tc", "0").containsEntry("nn_mass", "0");
    assertThat(rows.get(1)).containsEntry("depth", "16").containsEntry("tc", "1");
    assertThat(rows.get(15)).containsEntry("depth", "20").containsEntry("tc", "0");
    assertThat(rows.get(89)).containsEntry("depth", "40").containsEntry("tc", "14");
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i)).containsEntry("trial", Integer.toString(i)).containsEntry("repeat", "0");
    }
    // width 8, tc <= 8: NN-Mass = (depth - 2) * tc exactly when tc <= width (every layer takes tc links)
    Map<String, String> d24t6 = rows.get(2 * 15 + 6);
    double expected = 8.0 * 24 * (22 * 6.0) / (8.0 * 22 * 23 / 2);
    assertThat(Double.parseDouble(d24t6.get("nn_mass"))).isCloseTo(expected, within(1e-12));
    assertThat(Files.readString(out.resolve("report.md"))).contains("| depth | tc | nn_mass | params |");
    // the sampled links are saved: depth 16, tc 3 takes 3 links in each of its layers 2..15
    String links = Files.readString(out.resolve("links.json"));
    assertThat(links).contains("\"trial\": 3,").contains("\"gathers\"");
    assertThat(links).doesNotContain("\"trial\": 0,");
  }

  @Test
  void cellsSweepAListElement() throws IOException {
    Cli result = Cli.run("run", "-q", example("cells.nnx"), "--out", out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    List<Map<String, String>> rows = org.nnx.report.CsvTable.read(out.resolve("results.csv"));
    assertThat(rows).extracting(r -> r.get("cells")).containsExactly(
        "cell(width = 16, depth = 10, tc = 20);cell(width = 32, depth = 6, tc = 0)",
        "cell(width = 16, depth = 10, tc = 20);cell(width = 32, depth = 6, tc = 16)",
        "cell(width = 16, depth = 10, tc = 20);cell(width = 32, depth = 6, tc = 32)",
        "cell(width = 16, depth = 10, tc = 20);cell(width = 32, depth = 6, tc = 48)",
        "cell(width = 16, depth = 10, tc = 20);cell(width = 32, depth = 6, tc = 64)");
    assertThat(rows).allSatisfy(r -> assertThat(r.get("nn_density_cells").split(";")).hasSize(2));
    // the first cell does not change, so the NN-Mass grows only through the second cell
    assertThat(Double.parseDouble(rows.get(4).get("nn_mass"))).isGreaterThan(Double.parseDouble(rows.get(0).get("nn_mass")));
  }

  @Test
  void theZooRunWritesEveryFileAndPrintsTheTable() throws IOException {
    Cli result = Cli.run("run", example("nnmass-zoo.nnx"), "--out", out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).contains("NN-Mass, density and size of the NN-Mass model zoo")
        .contains("architecture").contains("3392").contains("11689512");
    for (String file : List.of("results.csv", "results.json", "report.md", "run.json", "run.log", "experiment.nnx")) {
      assertThat(out.resolve(file)).exists();
    }
    assertThat(Files.readString(out.resolve("experiment.nnx"))).contains("experiment nnmass_zoo");
    assertThat(Files.readString(out.resolve("run.json"))).contains("\"nnx_version\"").contains("\"seed\": 0")
        .contains("\"plugins\"").contains("\"trial_runs\"");
    assertThat(Files.readString(out.resolve("results.json"))).contains("\"nn_mass\": 3392");
    assertThat(Files.readString(out.resolve("run.log"))).contains("trial 6 repeat 0");
  }

  @Test
  void theCompressionExampleTrainsWhatItsDesignClaims() throws IOException {
    Cli result = Cli.run("run", "-q", example("nnmass-compression.nnx"), "--only", "compression_design",
        "--out", out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    List<Map<String, String>> rows = org.nnx.report.CsvTable.read(out.resolve("results.csv"));
    Map<String, String> reference = pick(rows, "reference", "64");
    Map<String, String> equalMass = pick(rows, "equal_mass", "68");
    Map<String, String> lowMass = pick(rows, "low_mass", "20");
    Map<String, String> plain = rows.stream().filter(r -> r.get("architecture").equals("plain")
        && r.get("width").equals("30")).findFirst().orElseThrow();
    double mass = Double.parseDouble(reference.get("nn_mass"));
    double small = Double.parseDouble(equalMass.get("params"));
    // equal mass within 1% at under a fifth of the parameters; the low-mass ones within 2% of its size
    assertThat(Double.parseDouble(equalMass.get("nn_mass"))).isCloseTo(mass, within(0.01 * mass));
    assertThat(small).isLessThan(Double.parseDouble(reference.get("params")) / 5);
    for (Map<String, String> r : List.of(lowMass, plain)) {
      assertThat(Double.parseDouble(r.get("params"))).isCloseTo(small, within(0.02 * small));
      assertThat(Double.parseDouble(r.get("nn_mass"))).isLessThan(mass / 3);
    }
    // the trained experiments use exactly these configurations
    String text = Files.readString(Path.of(example("nnmass-compression.nnx")));
    for (String trained : List.of("compression_fashion", "compression_mnist")) {
      String block = text.substring(text.indexOf("experiment " + trained));
      assertThat(block).contains("equal_mass: dense_mlp(width = 16, depth = 32, tc = 68,")
          .contains("low_mass: dense_mlp(width = 24, depth = 32, tc = 20,")
          .contains("plain: dense_mlp(width = 30, depth = 32, tc = 0,")
          .contains("reference: dense_mlp(width = 64, depth = 32, tc = 64,");
    }
  }

  /**
   * {@code examples/dynamic-subnets.nnx} is what its README section says: the CIFAR ResNet-20 (a
   * stem, three stages of three basic blocks of 16, 32 and 64 channels, 272,186 parameters) with 12
   * channel groups to slice (a first convolution per block, one shared set per stage), and 12 rows:
   * four subnets by three methods.
   */
  @Test
  void theDynamicSubnetsExampleSlicesAResNet20() throws Exception {
    Path file = Path.of(example("dynamic-subnets.nnx"));
    var injector = org.nnx.plugin.PluginLoader.load(List.of());
    var parsed = org.nnx.syntax.SourceParser.parse(file.toString(), Files.readString(file));
    org.nnx.experiment.Experiment e = injector.getInstance(org.nnx.block.BlockKinds.class)
        .resolve(parsed.file(), injector.getInstance(org.nnx.plugin.PluginRegistry.class))
        .blocks(org.nnx.experiment.Experiment.class).get(0);
    assertThat(e.trials()).hasSize(12);
    org.nnx.experiment.Trial t = e.trials().get(0);
    org.nnx.ir.Network network = t.family().build(t.parameters(), new org.nnx.plugin.BuildContext(0));
    assertThat(network.parameters()).isEqualTo(272_186);
    List<Integer> convolutions = network.nodes().stream().filter(n -> n.op() instanceof org.nnx.ir.Op.Conv2d)
        .map(n -> ((org.nnx.ir.Op.Conv2d) n.op()).out()).toList();
    assertThat(convolutions).hasSize(21); // 19 of ResNet-20 and two projections
    assertThat(convolutions.stream().filter(c -> c == 16)).hasSize(7);
    assertThat(convolutions.stream().filter(c -> c == 32)).hasSize(7);
    assertThat(convolutions.stream().filter(c -> c == 64)).hasSize(7);
    var groups = org.nnx.subnets.ChannelGroups.of(network).groups();
    assertThat(groups.stream().filter(g -> !g.fixed())).hasSize(12);
  }

  private static Map<String, String> pick(List<Map<String, String>> rows, String architecture, String tc) {
    return rows.stream().filter(r -> r.get("architecture").equals(architecture) && r.get("tc").equals(tc))
        .findFirst().orElseThrow();
  }

  private static String example(String name) {
    return Cli.root().resolve("examples").resolve(name).toString();
  }
}
