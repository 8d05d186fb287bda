package org.nnx.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.Location;
import org.nnx.syntax.UserInputException;

/** Sizes in bytes as options give them: {@code 0}, {@code 500MB}, {@code 2GiB} (kB, MB, GB: powers of 1000; KiB, MiB, GiB: of 1024). */
final class Sizes {

  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?");

  private Sizes() {}

  /**
   * The number of bytes {@code text} names.
   *
   * @param option the option, for the message
   * @throws UserInputException if it is not a size
   */
  static long parse(String text, String option) throws UserInputException {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new UserInputException(new Diagnostic(new Location(option, 1, 1), "'" + text + "' is not a size",
          "write e.g. 0, 500MB or 2GiB"));
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    double scale = switch (unit.toUpperCase(Locale.ROOT)) {
      case "KB" -> 1e3;
      case "MB" -> 1e6;
      case "GB" -> 1e9;
      case "TB" -> 1e12;
      case "KIB" -> 1024.0;
      case "MIB" -> 1024.0 * 1024;
      case "GIB" -> 1024.0 * 1024 * 1024;
      case "TIB" -> 1024.0 * 1024 * 1024 * 1024;
      default -> 1;
    };
    double bytes = n * scale;
    if (bytes > Long.MAX_VALUE) {
      throw new UserInputException(new Diagnostic(new Location(option, 1, 1), "'" + text + "' is too large", null));
    }
    return (long) bytes;
  }

  /** Bytes for people, e.g. {@code 1.5 MB}. */
  static String format(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = bytes;
    int i = -1;
    while (v >= 1000 && i < units.length - 1) {
      v /= 1000;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }
}
