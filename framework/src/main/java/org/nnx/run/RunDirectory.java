package org.nnx.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The folder a run writes its files to. Files are written whole, through a temporary file. */
public final class RunDirectory {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path path;

  private RunDirectory(Path path) {
    this.path = path;
  }

  /**
   * Picks the folder of one experiment's run: with {@code out}, {@code out} itself when it is the
   * only experiment that runs, else {@code out/<experiment>}; without, {@code
   * runs/<experiment>-<timestamp>} (with a suffix when that exists).
   */
  public static RunDirectory create(Path out, String experiment, boolean onlyOne, LocalDateTime now) throws IOException {
    Path dir;
    if (out != null) {
      dir = onlyOne ? out : out.resolve(experiment);
    } else {
      Path base = Path.of("runs", experiment + "-" + STAMP.format(now));
      dir = base;
      for (int i = 2; Files.exists(dir); i++) {
        dir = Path.of(base + "-" + i);
      }
    }
    Files.createDirectories(dir);
    return new RunDirectory(dir);
  }

  /** The folder. */
  public Path path() {
    return path;
  }

  /**
   * Writes {@code name} in the folder atomically.
   *
   * @throws org.nnx.files.NoSpaceException if the folder's file system is full
   */
  public Path write(String name, String text) throws IOException {
    try {
      return org.nnx.files.AtomicFiles.write(path.resolve(name), text);
    } catch (IOException e) {
      if (org.nnx.files.NoSpaceException.isNoSpace(e)) {
        throw new org.nnx.files.NoSpaceException(path, e);
      }
      throw e;
    }
  }
}
