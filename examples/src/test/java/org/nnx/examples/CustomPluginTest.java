package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third-party plugin of {@code examples/custom-metric/}, built by Maven from its own pom (the
 * parent pom aggregates that folder before this module, without being its parent), is found in a
 * plugin folder, listed by {@code nnx plugins} and usable in a file.
 */
class CustomPluginTest {

  private static final String JAR = "skip-ratio-metric-1.0.0.jar";

  @TempDir
  static Path work;

  static Path pluginDir;

  /**
   * The jar Maven built, as the example's README tells a user to build it. Maven 3.8's default
   * compiler plugin (3.1) ignores {@code maven.compiler.release} and targets Java 5, so a pom that
   * did not pin its build plugins would fail the build before this test ran.
   */
  @BeforeAll
  static void copyTheJarMavenBuilt() throws IOException {
    Path jar = Cli.root().resolve("examples/custom-metric/target").resolve(JAR);
    assertThat(jar).as("built by the reactor from examples/custom-metric/pom.xml").isRegularFile();
    pluginDir = Files.createDirectories(work.resolve("plugins"));
    Files.copy(jar, pluginDir.resolve(JAR));
  }

  @Test
  void theJarHoldsThePluginAndItsServiceFile() throws IOException {
    try (JarFile jar = new JarFile(pluginDir.resolve(JAR).toFile())) {
      assertThat(jar.getEntry("META-INF/services/org.nnx.plugin.NnxPlugin")).isNotNull();
      // class file major version 61 is Java 17: what the pinned compiler plugin makes of maven.compiler.release
      try (InputStream in = jar.getInputStream(jar.getEntry("org/example/skipratio/SkipRatioMetric.class"))) {
        byte[] head = in.readNBytes(8);
        assertThat(((head[6] & 0xff) << 8) | (head[7] & 0xff)).isEqualTo(61);
      }
    }
  }

  @Test
  void theExamplesPomPinsItsBuildPlugins() throws IOException {
    String pom = Files.readString(Cli.root().resolve("examples/custom-metric/pom.xml"));
    for (String plugin : List.of("maven-compiler-plugin", "maven-surefire-plugin", "maven-jar-plugin")) {
      assertThat(pom).as(plugin).containsPattern("<artifactId>" + plugin + "</artifactId>\\s*<version>[0-9.]+</version>");
    }
  }

  @Test
  void pluginsListsTheNewMetric() {
    Cli result = Cli.run("plugins", "--plugins", pluginDir.toString());
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).contains("skip-ratio 1.0.0").contains("skip_ratio - merge points");
  }

  @Test
  void withoutThePluginTheMetricIsUnknown() throws IOException {
    Cli result = Cli.run("check", "--plugins", Files.createDirectories(work.resolve("empty")).toString(), example());
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).contains("unknown metric 'skip_ratio'");
  }

  @Test
  void theExampleRunsWithThePlugin() throws IOException {
    Path out = work.resolve("run");
    Cli result = Cli.run("run", "-q", example(), "--plugins", pluginDir.toString(), "--out", out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    List<Map<String, String>> rows = org.nnx.report.CsvTable.read(out.resolve("results.csv"));
    assertThat(rows).hasSize(5);
    // dense_mlp depth 4, tc 0: a plain chain; tc 4: layers 2 and 3 concatenate -> 2 merges / 4 layers
    assertThat(Double.parseDouble(rows.get(0).get("skip_ratio"))).isEqualTo(0.0);
    assertThat(Double.parseDouble(rows.get(1).get("skip_ratio"))).isEqualTo(0.5);
    // resnet18: 8 residual additions over 21 weighted layers (20 convolutions and the classifier)
    assertThat(Double.parseDouble(rows.get(4).get("skip_ratio"))).isEqualTo(8.0 / 21);
    assertThat(Files.readString(out.resolve("run.json"))).contains("\"skip-ratio\"");
  }

  private static String example() {
    return Cli.root().resolve("examples/custom-metric/skip-ratio.nnx").toString();
  }
}
