package org.nnx.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external program (npm, apt-get, dpkg-deb) for {@link DataFetcher}; tests replace it. */
interface CommandRunner {

  /**
   * What a finished program did.
   *
   * @param exitCode its exit status; 0 is success
   * @param output its standard output and standard error, interleaved
   * @param timedOut whether it was killed for running past its time limit
   */
  record Outcome(int exitCode, String output, boolean timedOut) {}

  /**
   * Runs {@code command} in {@code directory} with standard input closed, waiting up to {@code
   * timeout}.
   *
   * @throws IOException if the program cannot be started, e.g. because it is not installed
   */
  Outcome run(List<String> command, Path directory, Duration timeout) throws IOException, InterruptedException;

  /** Runs real processes; output goes through a temporary file in {@code directory}'s parent. */
  static CommandRunner system() {
    return (command, directory, timeout) -> {
      Path log = Files.createTempFile(directory.toAbsolutePath().getParent(), ".command-", ".log");
      try {
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().put("npm_config_update_notifier", "false");
        builder.environment().put("npm_config_fund", "false");
        Process process = builder.start();
        process.getOutputStream().close();
        boolean finished;
        try {
          finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          process.destroyForcibly();
          throw e;
        }
        if (!finished) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        return new Outcome(finished ? process.exitValue() : -1, output, !finished);
      } finally {
        Files.deleteIfExists(log);
      }
    };
  }
}
