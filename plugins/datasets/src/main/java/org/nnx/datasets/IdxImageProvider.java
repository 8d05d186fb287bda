package org.nnx.datasets;

import java.nio.file.Path;
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
 * A grey-scale image classification data set stored as the four standard IDX files of MNIST:
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}
 * and {@code t10k-labels-idx1-ubyte}, each optionally gzip-compressed ({@code .gz}). See {@link
 * IdxReader} for the format.
 *
 * <p>Files are looked for, for every search-path folder {@code DIR} in order, in {@code DIR/NAME/}
 * and then in {@code DIR} itself, where {@code NAME} is {@link #name()}; the first folder holding
 * all four files is used. Examples have shape {@code 1 x rows x columns}; pixels (0..255) are
 * divided by 255 into [0, 1].
 */
public abstract class IdxImageProvider implements DatasetProvider {

  /** The four file names, in the order train images, train labels, test images, test labels. */
  public static final List<String> FILES = List.of(
      "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

  private static final float[] PIXEL = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      PIXEL[i] = i / 255f;
    }
  }

  /** The display name in messages, e.g. {@code MNIST}. */
  protected abstract String title();

  /** The required image height and width in pixels (28 for MNIST and Fashion-MNIST). */
  protected abstract int side();

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
    return Optional.of(new DataShape(new TensorShape(1, side(), side()), classes()));
  }

  /** The number of classes; every label must be in {@code [0, classes)}. */
  protected abstract int classes();

  @Override
  public Optional<String> missing(Parameters options, DataLocations locations) {
    List<Path> folders = DataFiles.candidateFolders(locations, name());
    return DataFiles.findAll(folders, FILES, true).isPresent() ? Optional.empty()
        : Optional.of(DataFiles.notFoundMessage(title(), name(), folders, DataFiles.partialHint(folders, FILES, true)));
  }

  /**
   * Loads the data set from the first folder that holds all four files.
   *
   * @param options ignored: these data sets take no options
   * @throws DataUnavailableException if the files are missing (the message names the folders
   *     searched and the {@code nnx data fetch} command), or a file is truncated or corrupt, images
   *     are not {@code side() x side()}, the label and image counts differ, or a label is out of
   *     range
   */
  @Override
  public Dataset load(Parameters options, DataLocations locations) throws DataUnavailableException {
    Optional<String> missing = missing(options, locations);
    if (missing.isPresent()) {
      throw new DataUnavailableException(missing.get());
    }
    List<Path> f = DataFiles.findAll(DataFiles.candidateFolders(locations, name()), FILES, true).orElseThrow();
    Dataset.Split train = split(f.get(0), f.get(1));
    Dataset.Split test = split(f.get(2), f.get(3));
    return new Dataset(name(), new TensorShape(1, side(), side()), classes(), train, test);
  }

  private Dataset.Split split(Path imageFile, Path labelFile) throws DataUnavailableException {
    IdxReader.Idx images = IdxReader.read(imageFile, IdxReader.IMAGES_MAGIC);
    int[] d = images.dimensions();
    if (d[1] != side() || d[2] != side()) {
      throw new DataUnavailableException(imageFile + ": images are " + d[1] + "x" + d[2] + " pixels, but "
          + title() + " images are " + side() + "x" + side());
    }
    IdxReader.Idx labels = IdxReader.read(labelFile, IdxReader.LABELS_MAGIC);
    int n = labels.dimensions()[0];
    if (n != d[0]) {
      throw new DataUnavailableException(labelFile + ": " + n + " labels, but " + imageFile + " has "
          + d[0] + " images; the two files do not belong together");
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = labels.unsigned(i);
      if (y[i] >= classes()) {
        throw new DataUnavailableException(labelFile + ": label " + y[i] + " of example " + i
            + " is not a class of " + title() + " (0.." + (classes() - 1) + ")");
      }
    }
    byte[] bytes = images.bytes();
    int offset = images.offset();
    float[] x = new float[images.dataLength()];
    for (int i = 0; i < x.length; i++) {
      x[i] = PIXEL[bytes[offset + i] & 0xFF];
    }
    return new Dataset.Split(x, y);
  }
}
