package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose result store fills its file system: one line naming the full path, a consistent store,
 * and, once space is freed, the same command finishes with the results of an uninterrupted run,
 * computing only what was not stored. Needs a small tmpfs, so it runs where this process may mount one
 * (root in a container, as in CI here) and is skipped elsewhere.
 */
class FullDiskTest {

  private static final String EXPERIMENT = """
      experiment disk {
        architectures { net: dense_mlp(width = 4, depth = {4, 5, 6, 7}, tc = 0..249, inputs = 6, classes = 2) }
        measure nn_mass, params, flops, nn_degree
      }
      """;

  @TempDir
  Path dir;

  private Path mounted;

  private static boolean sh(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      sh("umount", mounted.toString());
    }
  }

  @Test
  void aFullDiskIsOneLineAndTheSameCommandFinishesOnceSpaceIsFreed() throws Exception {
    Path disk = Files.createDirectories(dir.resolve("small"));
    // 5 MiB: the store (with its 4 MiB write-ahead log) fills it after about 800 of the 1,000 trial repeats
    assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=5m", "tmpfs", disk.toString()),
        "cannot mount a tmpfs here (needs root)");
    mounted = disk;
    Path file = Files.writeString(dir.resolve("disk.nnx"), EXPERIMENT);
    Path store = disk.resolve("nnx.db");
    Path out = disk.resolve("out");
    List<String> command = List.of("run", "-q", file.toString(), "--store", store.toString(), "--out", out.toString());

    // its own process, as a user's: the claims it holds end with it, as they would on a real machine
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> process = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "org.nnx.cli.Main"));
    process.addAll(command);
    Path err = dir.resolve("full.err");
    Process p = new ProcessBuilder(process).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(Files.readString(err)).isEqualTo("nnx: error: no space left on " + store + "; every trial repeat"
        + " finished before is kept in the result store: free space there and run the same command again to finish\n");
    long storedBefore = Files.readAllLines(out.resolve("run.log")).stream().filter(l -> l.contains("computed trial"))
        .count();
    assertThat(storedBefore).isBetween(1L, 999L);

    assertThat(sh("mount", "-o", "remount,size=64m", disk.toString())).isTrue();
    Cli again = Cli.run(command.toArray(String[]::new));
    assertThat(again.status()).as(again.err()).isZero();
    List<String> log = Files.readAllLines(out.resolve("run.log"));
    long reused = log.stream().filter(l -> l.contains("reused trial")).count();
    assertThat(reused).as("trial repeats the first run had stored").isGreaterThan(0);

    Cli reference = Cli.run("run", "-q", file.toString(), "--out", dir.resolve("reference").toString());
    assertThat(reference.status()).as(reference.err()).isZero();
    assertThat(Files.readString(out.resolve("results.csv")))
        .isEqualTo(Files.readString(dir.resolve("reference/results.csv")));
  }
}
