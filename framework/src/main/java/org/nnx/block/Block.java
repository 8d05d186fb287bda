package org.nnx.block;

import java.util.List;
import org.nnx.syntax.Location;

/** A checked top-level block of a file, ready to run (or to be named by other blocks). */
public interface Block {

  /** The keyword of its kind, e.g. {@code experiment}. */
  String kind();

  /** The block's name. */
  String name();

  /** Its title for reports (the name when none is written). */
  String title();

  /** Where the block starts. */
  Location location();

  /** The path of the file it came from, as the user named it. */
  String file();

  /**
   * The block as it runs, with every block it names, as {@code .nnx} text that checks on its own:
   * the {@code experiment.nnx} of its run directory, and what a trial sent to another process is
   * resolved from.
   */
  String source();

  /** The names of the runnable blocks of the same file that must run before this one, e.g. a codesign's samples. */
  default List<String> needs() {
    return List.of();
  }
}
