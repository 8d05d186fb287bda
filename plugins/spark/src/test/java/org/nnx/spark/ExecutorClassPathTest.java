package org.nnx.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorClassPathTest {

  @TempDir
  Path dir;

  @Test
  void leavesOutSparksJarsAndMissingEntriesInTheDriversOrder() throws Exception {
    Path sparkJars = Files.createDirectories(dir.resolve("spark-home/jars"));
    Files.createFile(sparkJars.resolve("log4j-core-2.24.3.jar"));
    Path classes = Files.createDirectories(dir.resolve("framework/classes"));
    Path log4j = Files.createFile(dir.resolve("log4j-core-2.24.3.jar"));
    Path guice = Files.createFile(dir.resolve("guice-7.0.0.jar"));
    Path dl4j = Files.createFile(dir.resolve("dl4j.jar"));
    String classPath = String.join(File.pathSeparator, classes.toString(), log4j.toString(), guice.toString(),
        dir.resolve("missing.jar").toString(), dl4j.toString(), guice.toString(), "");
    assertThat(ExecutorClassPath.of(classPath, sparkJars)).containsExactly(classes.toString(), guice.toString(),
        dl4j.toString());
  }
}
