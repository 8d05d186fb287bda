package org.nnx.examples;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.nnx.cli.Main;

/**
 * Runs the command line in-process and captures what it prints (public for the tests of other
 * modules, e.g. the spark executor's, through this module's test jar).
 *
 * @param status the exit status
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
public record Cli(int status, String out, String err) {

  /** The repository root (surefire sets {@code nnx.repository.root}). */
  public static Path root() {
    return Path.of(System.getProperty("nnx.repository.root", "..")).toAbsolutePath().normalize();
  }

  /**
   * Runs {@code nnx args}. A {@code run} without {@code --store} gets a new, empty result store of
   * its own, so tests never reuse each other's results.
   */
  public static Cli run(String... args) {
    if (args.length > 0 && args[0].equals("run") && !java.util.Arrays.asList(args).contains("--store")) {
      try {
        Path store = java.nio.file.Files.createTempDirectory("nnx-store").resolve("nnx.db");
        String[] more = java.util.Arrays.copyOf(args, args.length + 2);
        more[args.length] = "--store";
        more[args.length + 1] = store.toString();
        args = more;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Cli(status, out.toString(), err.toString());
  }
}
