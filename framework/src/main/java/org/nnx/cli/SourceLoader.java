package org.nnx.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.nnx.syntax.UserInputException;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.Location;
import org.nnx.syntax.ParseResult;
import org.nnx.syntax.SourceFile;
import org.nnx.syntax.SourceParser;

/** Reads and parses a {@code .nnx} file, turning every problem into located diagnostics. */
final class SourceLoader {

  private SourceLoader() {}

  /**
   * Reads and parses {@code path}.
   *
   * @throws UserInputException if the file cannot be read or has syntax errors
   */
  static SourceFile load(String path) throws UserInputException {
    Location start = new Location(path, 1, 1);
    Path file = Path.of(path);
    String text;
    try {
      if (Files.isDirectory(file)) {
        throw new UserInputException(new Diagnostic(start, "cannot read file: it is a folder", "name a .nnx file"));
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserInputException(new Diagnostic(start, "cannot read file: no such file", "check the path"));
    } catch (AccessDeniedException e) {
      throw new UserInputException(new Diagnostic(start, "cannot read file: permission denied", null));
    } catch (MalformedInputException e) {
      throw new UserInputException(new Diagnostic(start, "cannot read file: it is not UTF-8 text", null));
    } catch (IOException e) {
      throw new UserInputException(new Diagnostic(start, "cannot read file: " + e.getMessage(), null));
    }
    ParseResult result = SourceParser.parse(path, text);
    if (!result.ok()) {
      throw new UserInputException(result.errors());
    }
    return result.file();
  }
}
