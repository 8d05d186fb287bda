package org.nnx.spark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The class path executors need beside Spark's: nnx, its built-in plugins and their libraries, that
 * is the driver's class path without the jars Spark itself brings ({@code SPARK_HOME/jars}, which a
 * standalone worker puts on every executor's class path anyway). Leaving those out keeps one copy of
 * each library on the executors, in the order the driver has them.
 */
final class ExecutorClassPath {

  /** The system property naming the Spark home the launcher and the build lay out. */
  static final String SPARK_HOME_PROPERTY = "nnx.spark.home";

  private ExecutorClassPath() {}

  /**
   * The entries of {@code classPath} that exist and are not among Spark's jars.
   *
   * @param classPath the driver's class path, entries separated by {@link File#pathSeparator}
   * @param sparkJars the folder of Spark's jars
   */
  static List<String> of(String classPath, Path sparkJars) throws IOException {
    Set<String> spark;
    try (Stream<Path> jars = Files.isDirectory(sparkJars) ? Files.list(sparkJars) : Stream.empty()) {
      spark = jars.map(j -> j.getFileName().toString()).collect(Collectors.toSet());
    }
    List<String> out = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path p = Path.of(entry).toAbsolutePath();
      if (Files.exists(p) && !spark.contains(p.getFileName().toString()) && !out.contains(p.toString())) {
        out.add(p.toString());
      }
    }
    return out;
  }

  /**
   * Spark's jars of this driver: {@code $nnx.spark.home/jars} when the launcher or the build set it,
   * else the folder of the jar Spark's classes come from ({@code SPARK_HOME/jars} of an installation).
   */
  static Path sparkJars() {
    String home = System.getProperty(SPARK_HOME_PROPERTY);
    if (home != null && !home.isBlank()) {
      return Path.of(home, "jars");
    }
    try {
      return Path.of(org.apache.spark.SparkContext.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .getParent();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot locate Spark's jars: " + e.getMessage(), e);
    }
  }
}
