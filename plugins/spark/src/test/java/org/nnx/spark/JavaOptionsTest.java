package org.nnx.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.nnx.examples.Cli;

/**
 * The driver's Java options of the tests (this module's pom) and of the launcher are Spark's own
 * ({@link JavaModuleOptions}) but the incubator module Spark SQL needs, so a Spark upgrade that
 * changes them fails here.
 */
class JavaOptionsTest {

  @Test
  void theTestsAndTheLauncherPassSparksJavaOptions() throws Exception {
    List<String> spark = Arrays.stream(JavaModuleOptions.defaultModuleOptionArray())
        .filter(o -> !o.equals("--add-modules=jdk.incubator.vector")).toList();
    List<String> pom = Arrays.asList(System.getProperty("nnx.spark.java.options").trim().split("\\s+"));
    assertThat(pom).isEqualTo(spark);
    assertThat(Files.readString(Cli.root().resolve("nnx"))).contains(String.join(" ", spark));
  }
}
