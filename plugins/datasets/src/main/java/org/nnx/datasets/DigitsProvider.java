package org.nnx.datasets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.nnx.data.DataLocations;
import org.nnx.data.DataShape;
import org.nnx.data.DataUnavailableException;
import org.nnx.data.Dataset;
import org.nnx.data.DatasetProvider;
import org.nnx.ir.TensorShape;
import org.nnx.param.Parameters;

/**
 * {@code digits}: the 8x8 optical handwritten digits (UCI "Optical Recognition of Handwritten
 * Digits", test part; Alpaydin and Kaynak 1998) as shipped by scikit-learn in {@code
 * sklearn/datasets/data/digits.csv.gz} (Debian package {@code python3-sklearn}).
 *
 * <p>Format: {@value #ROWS} rows of {@value #PIXELS} comma-separated pixel counts in 0..16 (row-major
 * 8x8, each the number of "on" pixels of a 4x4 block of a 32x32 bitmap) followed by the label
 * 0..9. Pixels are divided by 16 into [0, 1]; input shape {@code 1x8x8}; 10 classes.
 *
 * <p>Split (deterministic, no shuffling): the first {@value #TRAIN_ROWS} rows are the training set,
 * the remaining 297 the test set (27 to 33 examples of each digit).
 *
 * <p>Files looked for, for every search-path folder {@code DIR} in order: {@code
 * DIR/digits/digits.csv.gz} (or {@code digits.csv}), then {@code DIR/digits.csv.gz} (or {@code
 * digits.csv}). {@code nnx data fetch digits} installs the file in the cache.
 */
public final class DigitsProvider implements DatasetProvider {

  /** The name users write after {@code data}. */
  public static final String NAME = "digits";

  /** The file name, without {@code .gz}. */
  public static final String FILE = "digits.csv";

  /** The number of rows of the file. */
  public static final int ROWS = 1797;

  /** The number of training rows, taken from the start of the file. */
  public static final int TRAIN_ROWS = 1500;

  /** The number of pixel values per row. */
  public static final int PIXELS = 64;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "8x8 handwritten digits (scikit-learn): first 1,500 rows train / last 297 test, 1x8x8 in [0, 1], 10 classes";
  }

  /**
   * Loads the file.
   *
   * @param options ignored: this data set takes no options
   * @throws DataUnavailableException if the file is missing (the message names the folders
   *     searched and the fetch command), or it does not have exactly {@value #ROWS} rows of 65
   *     integers with pixels in 0..16 and labels in 0..9; the message names the file and line
   */
  @Override
  public boolean fetchable() {
    return true;
  }

  @Override
  public Path fetch(DataLocations locations, java.io.PrintStream progress) throws DataUnavailableException {
    return new DataFetcher().fetch(name(), locations, progress);
  }

  @Override
  public Optional<DataShape> shape(Parameters options) {
    return Optional.of(new DataShape(new TensorShape(1, 8, 8), 10));
  }

  @Override
  public Optional<String> missing(Parameters options, DataLocations locations) {
    List<Path> folders = DataFiles.candidateFolders(locations, NAME);
    return DataFiles.findAll(folders, List.of(FILE), true).isPresent() ? Optional.empty()
        : Optional.of(DataFiles.notFoundMessage("The digits data set (" + FILE + ".gz)", NAME, folders, ""));
  }

  @Override
  public Dataset load(Parameters options, DataLocations locations) throws DataUnavailableException {
    Optional<String> missing = missing(options, locations);
    if (missing.isPresent()) {
      throw new DataUnavailableException(missing.get());
    }
    Path file = DataFiles.findAll(DataFiles.candidateFolders(locations, NAME), List.of(FILE), true).orElseThrow()
        .get(0);
    String[] lines = new String(DataFiles.readAllBytes(file), StandardCharsets.US_ASCII).split("\r?\n");
    int n = lines.length;
    while (n > 0 && lines[n - 1].isBlank()) {
      n--;
    }
    if (n != ROWS) {
      throw new DataUnavailableException(file + ": " + n + " rows, but the digits data set has " + ROWS
          + "; the file is truncated or a different file; run: ./nnx data fetch digits");
    }
    float[] x = new float[ROWS * PIXELS];
    int[] y = new int[ROWS];
    for (int r = 0; r < ROWS; r++) {
      String[] cells = lines[r].split(",", -1);
      if (cells.length != PIXELS + 1) {
        throw new DataUnavailableException(file + ":" + (r + 1) + ": " + cells.length + " values, expected "
            + (PIXELS + 1) + " (64 pixels and a label)");
      }
      for (int c = 0; c <= PIXELS; c++) {
        int v = integer(file, r, cells[c], c == PIXELS ? 9 : 16);
        if (c < PIXELS) {
          x[r * PIXELS + c] = v / 16f;
        } else {
          y[r] = v;
        }
      }
    }
    int trainValues = TRAIN_ROWS * PIXELS;
    Dataset.Split train = new Dataset.Split(Arrays.copyOf(x, trainValues),
        Arrays.copyOf(y, TRAIN_ROWS));
    Dataset.Split test = new Dataset.Split(Arrays.copyOfRange(x, trainValues, x.length),
        Arrays.copyOfRange(y, TRAIN_ROWS, ROWS));
    return new Dataset(NAME, new TensorShape(1, 8, 8), 10, train, test);
  }

  /** Parses a cell written as an integer, possibly as {@code 3.0} or {@code 3.000000000000000000e+00}. */
  private static int integer(Path file, int row, String cell, int max) throws DataUnavailableException {
    double v;
    try {
      v = Double.parseDouble(cell.trim());
    } catch (NumberFormatException e) {
      throw new DataUnavailableException(file + ":" + (row + 1) + ": '" + cell.trim() + "' is not a number", e);
    }
    if (v != Math.rint(v) || v < 0 || v > max) {
      throw new DataUnavailableException(file + ":" + (row + 1) + ": '" + cell.trim() + "' is not an integer in 0.."
          + max);
    }
    return (int) v;
  }
}
