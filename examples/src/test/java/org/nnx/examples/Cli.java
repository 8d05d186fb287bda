package org.nnx.examples;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.nnx.cli.Main;

/** Runs the command line in-process and captures what it prints. */
record Cli(int status, String out, String err) {

  /** The repository root (surefire sets {@code nnx.repository.root}). */
  static Path root() {
    return Path.of(System.getProperty("nnx.repository.root", "..")).toAbsolutePath().normalize();
  }

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Cli(status, out.toString(), err.toString());
  }
}
