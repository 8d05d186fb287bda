package org.nnx.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A digest of the compiled classes of a jar or a classes folder: SHA-256 over each {@code .class}
 * file's path and bytes, in path order, shortened to 12 hexadecimal digits. Any change to the code
 * that computes a value changes it, so the result store never hands back a value computed by other
 * code under the same version number.
 */
public final class ClassesDigest {

  private ClassesDigest() {}

  /**
   * The digest of the classes at {@code location} whose path (e.g. {@code org/nnx/ir/Op.class})
   * {@code include} accepts.
   *
   * @param location a jar file or a folder of classes, as a code source names it
   * @return 12 hexadecimal digits, or {@code "unknown"} when the location cannot be read
   */
  public static String of(URL location, Predicate<String> include) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Path path = Path.of(location.toURI());
      if (Files.isDirectory(path)) {
        List<Path> classes = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(p -> p.toString().endsWith(".class")).forEach(classes::add);
        }
        List<String> names = new ArrayList<>();
        for (Path p : classes) {
          names.add(path.relativize(p).toString().replace('\\', '/'));
        }
        names.sort(null);
        for (String name : names) {
          if (include.test(name)) {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(path.resolve(name)));
          }
        }
      } else {
        try (JarFile jar = new JarFile(path.toFile())) {
          List<String> names = new ArrayList<>();
          for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
            String name = e.nextElement().getName();
            if (name.endsWith(".class") && include.test(name)) {
              names.add(name);
            }
          }
          names.sort(null);
          for (String name : names) {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
              sha.update(in.readAllBytes());
            }
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      return "unknown";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
