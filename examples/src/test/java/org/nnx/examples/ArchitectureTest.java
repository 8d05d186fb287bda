package org.nnx.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code's structure, checked on every build: packages free of cycles (across the grammar, the
 * framework and every plugin), dependencies pointing one way (plugins → framework → grammar), and a
 * {@code package-info.java} in every package of the main sources.
 */
class ArchitectureTest {

  /** The compiled main classes of the grammar, the framework and every plugin, read from their build folders. */
  private static final JavaClasses CLASSES = load();

  private static JavaClasses load() {
    List<Path> folders = new ArrayList<>(List.of(Cli.root().resolve("grammar/target/classes"),
        Cli.root().resolve("framework/target/classes")));
    try (Stream<Path> plugins = Files.list(Cli.root().resolve("plugins"))) {
      plugins.map(p -> p.resolve("target/classes")).filter(Files::isDirectory).forEach(folders::add);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new ClassFileImporter().importPaths(folders);
  }

  /** Packages the framework and grammar hold; every other {@code org.nnx} package is a plugin's. */
  private static final String[] CORE = {"org.nnx", "org.nnx.syntax..", "org.nnx.grammar..", "org.nnx.block..",
      "org.nnx.cli..", "org.nnx.codesign..", "org.nnx.data..", "org.nnx.execute..", "org.nnx.experiment..", "org.nnx.files..",
      "org.nnx.hardware", "org.nnx.hardware.target..", "org.nnx.ir..", "org.nnx.metrics..", "org.nnx.model..",
      "org.nnx.optimize..", "org.nnx.param..", "org.nnx.plugin..", "org.nnx.report..", "org.nnx.run..",
      "org.nnx.network..", "org.nnx.search..", "org.nnx.store..", "org.nnx.weights.."};

  @Test
  void packagesHaveNoCycles() {
    assertThat(CLASSES.size()).as("classes imported").isGreaterThan(300);
    slices().matching("org.nnx.(**)").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void theGrammarDependsOnNothingElseOfNnx() {
    noClasses().that().resideInAnyPackage("org.nnx.syntax..", "org.nnx.grammar..")
        .should().dependOnClassesThat().resideOutsideOfPackages("org.nnx.syntax..", "org.nnx.grammar..", "java..",
            "javax..", "org.antlr..")
        .check(CLASSES);
  }

  @Test
  void theFrameworkDependsOnNoPlugin() {
    noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat(
        JavaClass.Predicates.resideInAPackage("org.nnx..")
            .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(CORE))))
        .check(CLASSES);
  }

  @Test
  void everyPackageOfTheMainSourcesHasAPackageInfo() throws IOException {
    List<String> missing = new ArrayList<>();
    Path root = Cli.root();
    List<Path> sources = new ArrayList<>(List.of(root.resolve("grammar/src/main/java"),
        root.resolve("framework/src/main/java")));
    try (Stream<Path> plugins = Files.list(root.resolve("plugins"))) {
      plugins.map(p -> p.resolve("src/main/java")).filter(Files::isDirectory).forEach(sources::add);
    }
    for (Path src : sources) {
      try (Stream<Path> dirs = Files.walk(src)) {
        for (Path dir : dirs.filter(Files::isDirectory).toList()) {
          boolean hasJava;
          try (Stream<Path> files = Files.list(dir)) {
            hasJava = files.anyMatch(f -> f.toString().endsWith(".java"));
          }
          if (hasJava && !Files.exists(dir.resolve("package-info.java"))) {
            missing.add(root.relativize(dir).toString());
          }
        }
      }
    }
    assertThat(missing).as("packages without package-info.java").isEmpty();
  }
}
