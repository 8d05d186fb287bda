package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third-party plugin of {@code examples/custom-metric/}, compiled and jarred the way its
 * README says, is found in a plugin folder, listed by {@code nnx plugins} and usable in a file.
 */
class CustomPluginTest {

  @TempDir
  static Path work;

  static Path pluginDir;

  @BeforeAll
  static void buildThePluginJar() throws IOException {
    Path project = Cli.root().resolve("examples/custom-metric");
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17",
        "-cp", System.getProperty("java.class.path")));
    try (Stream<Path> sources = Files.walk(project.resolve("src/main/java"))) {
      sources.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac").isZero();
    pluginDir = Files.createDirectories(work.resolve("plugins"));
    try (OutputStream file = Files.newOutputStream(pluginDir.resolve("skip-ratio-metric.jar"));
        JarOutputStream jar = new JarOutputStream(file)) {
      add(jar, classes, classes);
      add(jar, project.resolve("src/main/resources"), project.resolve("src/main/resources"));
    }
  }

  private static void add(JarOutputStream jar, Path base, Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        jar.putNextEntry(new JarEntry(base.relativize(f).toString().replace('\\', '/')));
        jar.write(Files.readAllBytes(f));
        jar.closeEntry();
      }
    }
  }

  /**
   * The example builds with the Maven the README names (3.8), whose default compiler plugin (3.1)
   * ignores {@code maven.compiler.release} and targets Java 5: so the pom pins its build plugins.
   * (Building it with Maven inside the test would need nnx installed in the local repository, which
   * {@code mvn verify} does not do.)
   */
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
