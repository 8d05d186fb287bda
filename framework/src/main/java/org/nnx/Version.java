package org.nnx;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The framework's version, from the build, recorded in every run directory and content key. */
public final class Version {

  /** The version of nnx itself: Maven's {@code project.version} of the framework module. */
  public static final String NNX = read();

  private Version() {}

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
