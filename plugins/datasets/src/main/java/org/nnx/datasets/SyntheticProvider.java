package org.nnx.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nnx.data.DataLocations;
import org.nnx.data.DataShape;
import org.nnx.data.DataUnavailableException;
import org.nnx.data.Dataset;
import org.nnx.data.DatasetProvider;
import org.nnx.ir.TensorShape;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * {@code synthetic(shape = circle|linear, segments = 10)}: the two-dimensional data sets of the
 * NN-Mass paper's synthetic experiments (Bhardwaj, Li, Marculescu, CVPR 2021), read from the
 * authors' files {@code train_SHAPE.csv} and {@code test_SHAPE.csv} (12,000 and 1,200 rows of
 * {@code x,y}, no header, no label column).
 *
 * <p>Labels come from row order, as in the authors' {@code train_mlp.py}: row {@code i} of a file
 * of {@code N} rows has label {@code floor(i / (N / segments)) mod 2}, the division in double
 * precision; see {@link #label(int, int, int)}. Two classes; input shape {@code 2}.
 *
 * <p>Where the files come from: the authors' four files ship inside this plugin's jar (under
 * {@code org/nnx/datasets/nnmass-synthetic/}, packed from the repository's {@code
 * reference/nnmass-synthetic/}, Apache-2.0), so the data set needs no download. A user's own files
 * take precedence: for every search-path folder {@code DIR}, {@code DIR/synthetic/}, {@code
 * DIR/nnmass-synthetic/} and {@code DIR} are tried in order, and the first folder holding both
 * files wins.
 */
public final class SyntheticProvider implements DatasetProvider {

  /** The name users write after {@code data}. */
  public static final String NAME = "synthetic";

  /** The folder name of the authors' files under a data folder and in the jar. */
  public static final String FOLDER = "nnmass-synthetic";

  /** The class-path folder of the bundled files. */
  static final String BUNDLED = "/org/nnx/datasets/" + FOLDER + "/";

  private static final Logger LOG = LogManager.getLogger(SyntheticProvider.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "NN-Mass synthetic 2-D data (circle or linear rings, labels alternate by segment), 12,000 train / 1,200 test";
  }

  /**
   * {@code shape}: {@code circle} (default; points on rings of growing radius) or {@code linear}
   * (points on the diagonal); {@code segments}: the number of label segments, in [1, 1200], default
   * 10 (the authors used 10, 20, 30 and 40).
   */
  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.optional("shape", ParamType.choice("circle", "linear"), "circle",
            "circle: rings of growing radius; linear: points on the diagonal y = x"),
        ParameterSpec.optional("segments", ParamType.integer(1, 1200), 10L,
            "number of consecutive row segments; labels alternate 0, 1, 0, ... between segments"));
  }

  /**
   * The label of row {@code row} (from 0) of a file of {@code rows} rows cut into {@code segments}
   * segments: {@code floor(row / (rows / segments)) mod 2}, with {@code rows / segments} a double
   * division as in the authors' Python code.
   *
   * @return 0 or 1
   */
  public static int label(int row, int rows, int segments) {
    return ((int) (row / ((double) rows / segments))) % 2;
  }

  @Override
  public Optional<DataShape> shape(Parameters options) {
    return Optional.of(new DataShape(TensorShape.vector(2), 2));
  }

  /**
   * Loads the user's files when a data folder has them, else the authors' files bundled in the jar.
   *
   * @param options {@code shape} and {@code segments}
   * @throws DataUnavailableException if a file found is unreadable or has a row that is not two
   *     finite numbers separated by a comma; the message names the file and line
   */
  @Override
  public Dataset load(Parameters options, DataLocations locations) throws DataUnavailableException {
    String shape = options.getString("shape");
    int segments = options.getInt("segments");
    String name = NAME + "(shape = " + shape + ", segments = " + segments + ")";
    List<String> files = List.of("train_" + shape + ".csv", "test_" + shape + ".csv");
    List<Path> folders = folders(locations);
    Optional<List<Path>> found = DataFiles.findAll(folders, files, false);
    double[] train;
    double[] test;
    if (found.isPresent()) {
      LOG.info("reading {} from {}", name, found.get().get(0).getParent());
      train = readPoints(found.get().get(0));
      test = readPoints(found.get().get(1));
    } else {
      train = readBundled(files.get(0));
      test = readBundled(files.get(1));
    }
    return new Dataset(name, TensorShape.vector(2), 2, split(train, segments), split(test, segments));
  }

  /** The folders searched for the CSV files, in order. */
  static List<Path> folders(DataLocations locations) {
    return DataFiles.candidateFolders(locations, NAME, FOLDER);
  }

  private static Dataset.Split split(double[] xy, int segments) {
    int n = xy.length / 2;
    float[] features = new float[xy.length];
    for (int i = 0; i < xy.length; i++) {
      features[i] = (float) xy[i];
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = label(i, n, segments);
    }
    return new Dataset.Split(features, labels);
  }

  /** Reads one of the authors' files bundled in the jar. */
  private static double[] readBundled(String file) throws DataUnavailableException {
    InputStream in = SyntheticProvider.class.getResourceAsStream(BUNDLED + file);
    if (in == null) {
      throw new DataUnavailableException("the bundled file " + BUNDLED + file + " is missing from the datasets "
          + "plugin's jar; rebuild nnx (mvn install) or put train_SHAPE.csv and test_SHAPE.csv in a data folder");
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      return readPoints(reader, "jar:" + BUNDLED + file);
    } catch (IOException e) {
      throw new DataUnavailableException(BUNDLED + file + ": cannot be read (" + e + ")", e);
    }
  }

  /** Reads {@code x,y} rows of a file; blank lines are skipped. */
  private static double[] readPoints(Path file) throws DataUnavailableException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      return readPoints(in, file.toString());
    } catch (IOException e) {
      throw new DataUnavailableException(file + ": cannot be read (" + e + ")", e);
    }
  }

  private static double[] readPoints(BufferedReader in, String file) throws IOException, DataUnavailableException {
    List<double[]> rows = new ArrayList<>();
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 2) {
        throw new DataUnavailableException(file + ":" + lineNo + ": expected 2 comma-separated numbers (x,y), found "
            + cells.length + " fields");
      }
      double[] p = new double[2];
      for (int c = 0; c < 2; c++) {
        try {
          p[c] = Double.parseDouble(cells[c].trim());
        } catch (NumberFormatException e) {
          throw new DataUnavailableException(file + ":" + lineNo + ": '" + cells[c].trim() + "' is not a number", e);
        }
        if (!Double.isFinite(p[c])) {
          throw new DataUnavailableException(file + ":" + lineNo + ": '" + cells[c].trim() + "' is not finite");
        }
      }
      rows.add(p);
    }
    if (rows.isEmpty()) {
      throw new DataUnavailableException(file + ": no data rows");
    }
    double[] out = new double[2 * rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      out[2 * i] = rows.get(i)[0];
      out[2 * i + 1] = rows.get(i)[1];
    }
    return out;
  }
}
