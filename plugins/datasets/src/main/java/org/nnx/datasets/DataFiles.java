package org.nnx.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.nnx.data.DataLocations;
import org.nnx.data.DataUnavailableException;

/**
 * Where the providers of this plugin look for files, and how they read them.
 *
 * <p>For every folder {@code DIR} of {@link DataLocations#searchPath()}, in order, the candidate
 * folders are {@code DIR/SUB} for each of the provider's sub-folder names (its own name first),
 * then {@code DIR} itself. A file {@code NAME} is found in a folder as {@code NAME} or, failing
 * that, {@code NAME.gz}.
 */
final class DataFiles {

  private static final int GZIP_BUFFER = 1 << 16;

  private DataFiles() {}

  /**
   * The folders to search, in order, without duplicates.
   *
   * @param locations the search path
   * @param subfolders sub-folder names tried inside every search-path entry before the entry itself
   */
  static List<Path> candidateFolders(DataLocations locations, String... subfolders) {
    Set<Path> out = new LinkedHashSet<>();
    for (Path dir : locations.searchPath()) {
      for (String sub : subfolders) {
        out.add(dir.resolve(sub).normalize());
      }
      out.add(dir.normalize());
    }
    return new ArrayList<>(out);
  }

  /**
   * The file {@code name} in {@code folder}, or {@code name.gz} when only that exists.
   *
   * @param allowGzip whether a gzip-compressed {@code name.gz} is accepted
   */
  static Optional<Path> resolve(Path folder, String name, boolean allowGzip) {
    Path plain = folder.resolve(name);
    if (Files.isRegularFile(plain)) {
      return Optional.of(plain);
    }
    Path gz = folder.resolve(name + ".gz");
    if (allowGzip && Files.isRegularFile(gz)) {
      return Optional.of(gz);
    }
    return Optional.empty();
  }

  /**
   * The first folder of {@code folders} that holds every one of {@code names} (each possibly as
   * {@code .gz} when {@code allowGzip}), with the resolved files in the order of {@code names}.
   */
  static Optional<List<Path>> findAll(List<Path> folders, List<String> names, boolean allowGzip) {
    for (Path folder : folders) {
      List<Path> found = new ArrayList<>();
      for (String name : names) {
        Optional<Path> file = resolve(folder, name, allowGzip);
        if (file.isEmpty()) {
          break;
        }
        found.add(file.get());
      }
      if (found.size() == names.size()) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  /**
   * A sentence about folders that hold some but not all of {@code names}, e.g. {@code " (/d/mnist
   * has train-images-idx3-ubyte but lacks t10k-images-idx3-ubyte)"}; empty when there is none.
   */
  static String partialHint(List<Path> folders, List<String> names, boolean allowGzip) {
    List<String> notes = new ArrayList<>();
    for (Path folder : folders) {
      List<String> have = new ArrayList<>();
      List<String> lack = new ArrayList<>();
      for (String name : names) {
        (resolve(folder, name, allowGzip).isPresent() ? have : lack).add(name);
      }
      if (!have.isEmpty() && !lack.isEmpty()) {
        notes.add(folder + " has " + String.join(", ", have) + " but lacks " + String.join(", ", lack));
      }
    }
    return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
  }

  /**
   * The message for a data set whose files are missing and that {@code nnx data fetch} can install.
   *
   * @param title the data set's display name, e.g. {@code MNIST}
   * @param fetchName the name after {@code nnx data fetch}
   */
  static String notFoundMessage(String title, String fetchName, List<Path> searched, String partial) {
    return title + " not found in " + searched + partial + "; run: ./nnx data fetch " + fetchName
        + " (or pass --data DIR)";
  }

  /** Whether {@code file}'s name ends with {@code .gz}. */
  static boolean isGzip(Path file) {
    return file.getFileName().toString().endsWith(".gz");
  }

  /**
   * The whole content of {@code file}, decompressed when its name ends with {@code .gz}; read in
   * bulk.
   *
   * @throws DataUnavailableException if the file cannot be read or is not valid gzip data; the
   *     message names the file
   */
  static byte[] readAllBytes(Path file) throws DataUnavailableException {
    try {
      if (!isGzip(file)) {
        return Files.readAllBytes(file);
      }
      try (InputStream in =
          new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), GZIP_BUFFER), GZIP_BUFFER)) {
        return in.readAllBytes();
      }
    } catch (NoSuchFileException e) {
      throw new DataUnavailableException(file + ": no such file", e);
    } catch (EOFException e) {
      throw new DataUnavailableException(file + ": truncated gzip data (unexpected end of file)", e);
    } catch (ZipException e) {
      throw new DataUnavailableException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new DataUnavailableException(file + ": cannot be read (" + e + ")", e);
    } catch (OutOfMemoryError e) {
      throw new DataUnavailableException(
          file + ": too large to hold in memory; give the JVM more heap (-Xmx)", e);
    }
  }
}
