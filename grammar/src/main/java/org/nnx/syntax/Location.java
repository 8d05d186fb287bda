package org.nnx.syntax;

/**
 * A position in a source file, as users see it: 1-based line and column.
 *
 * @param file the file's path as the user named it
 * @param line 1-based line
 * @param column 1-based column (characters, tabs count as one)
 */
public record Location(String file, int line, int column) {

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
