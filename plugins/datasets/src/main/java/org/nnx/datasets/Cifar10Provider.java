package org.nnx.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code cifar10}: CIFAR-10 (Krizhevsky, "Learning Multiple Layers of Features from Tiny Images",
 * 2009) in its binary version ({@code cifar-10-binary.tar.gz} from
 * https://www.cs.toronto.edu/~kriz/cifar.html): training files {@code data_batch_1.bin} ..
 * {@code data_batch_5.bin} and the test file {@code test_batch.bin}, each optionally {@code .gz}.
 *
 * <p>Every file is a sequence of {@value #RECORD}-byte records: one label byte (0..9: airplane,
 * automobile, bird, cat, deer, dog, frog, horse, ship, truck) and 3072 pixel bytes, channel-major
 * (1024 red, then 1024 green, then 1024 blue, each 32x32 row-major). The official files hold 10,000
 * records each; any positive whole number of records is accepted. Pixels are divided by 255 into
 * [0, 1]; input shape {@code 3x32x32}; 10 classes. The full training set takes 614 MB of floats.
 *
 * <p>Files looked for, for every search-path folder {@code DIR} in order: {@code DIR/cifar10/},
 * {@code DIR/cifar10/cifar-10-batches-bin/}, {@code DIR/cifar-10-batches-bin/} (the folder the
 * official archive unpacks to), then {@code DIR}. It is in no package registry, so {@code nnx data
 * fetch} cannot install it.
 */
public final class Cifar10Provider implements DatasetProvider {

  /** The name users write after {@code data}. */
  public static final String NAME = "cifar10";

  /** The training files, in the order their examples are concatenated. */
  public static final List<String> TRAIN_FILES = List.of(
      "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");

  /** The test file. */
  public static final String TEST_FILE = "test_batch.bin";

  private static final List<String> FILES = java.util.stream.Stream.concat(TRAIN_FILES.stream(),
      java.util.stream.Stream.of(TEST_FILE)).toList();

  /** Pixel values per image: 3 x 32 x 32. */
  public static final int PIXELS = 3 * 32 * 32;

  /** Bytes per record: one label byte and {@link #PIXELS} pixel bytes. */
  public static final int RECORD = 1 + PIXELS;

  private static final int CLASSES = 10;

  private static final float[] PIXEL = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      PIXEL[i] = i / 255f;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "CIFAR-10 binary version: 50,000 train / 10,000 test images, 3x32x32 in [0, 1], 10 classes";
  }

  /**
   * Loads the six files from the first folder that holds them all.
   *
   * @param options ignored: this data set takes no options
   * @throws DataUnavailableException if files are missing (the message says where to get them), a
   *     file's length is not a positive multiple of {@value #RECORD} bytes, or a label exceeds 9;
   *     the message names the file
   */
  @Override
  public Optional<DataShape> shape(Parameters options) {
    return Optional.of(new DataShape(new TensorShape(3, 32, 32), 10));
  }

  @Override
  public Optional<String> missing(Parameters options, DataLocations locations) {
    List<Path> folders = folders(locations);
    if (DataFiles.findAll(folders, FILES, true).isPresent()) {
      return Optional.empty();
    }
    return Optional.of("CIFAR-10 not found in " + folders + DataFiles.partialHint(folders, FILES, true)
        + "; nnx cannot fetch it (no package registry has it): download the binary version "
        + "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz, unpack it and pass --data DIR "
        + "(or move its cifar-10-batches-bin folder to " + locations.cache().resolve(NAME) + ")");
  }

  private static List<Path> folders(DataLocations locations) {
    return DataFiles.candidateFolders(locations, NAME, NAME + "/cifar-10-batches-bin", "cifar-10-batches-bin");
  }

  @Override
  public Dataset load(Parameters options, DataLocations locations) throws DataUnavailableException {
    Optional<String> missing = missing(options, locations);
    if (missing.isPresent()) {
      throw new DataUnavailableException(missing.get());
    }
    List<Path> files = DataFiles.findAll(folders(locations), FILES, true).orElseThrow();
    List<byte[]> train = new ArrayList<>();
    for (int i = 0; i < TRAIN_FILES.size(); i++) {
      train.add(readRecords(files.get(i)));
    }
    Dataset.Split test = split(List.of(readRecords(files.get(TRAIN_FILES.size()))));
    return new Dataset(NAME, new TensorShape(3, 32, 32), CLASSES, split(train), test);
  }

  /** Reads one file and checks its length and labels. */
  private static byte[] readRecords(Path file) throws DataUnavailableException {
    byte[] bytes = DataFiles.readAllBytes(file);
    if (bytes.length == 0 || bytes.length % RECORD != 0) {
      throw new DataUnavailableException(file + ": " + bytes.length + " bytes, not a positive multiple of the "
          + RECORD + "-byte CIFAR-10 record (1 label + 3072 pixels); the file is truncated or not CIFAR-10 binary"
          + (bytes.length > RECORD ? " (" + bytes.length / RECORD + " whole records and " + bytes.length % RECORD
              + " bytes left over)" : ""));
    }
    for (int r = 0; r < bytes.length / RECORD; r++) {
      int label = bytes[r * RECORD] & 0xFF;
      if (label >= CLASSES) {
        throw new DataUnavailableException(file + ": record " + r + " has label " + label
            + ", but CIFAR-10 labels are 0..9; the file is corrupt or not CIFAR-10 (CIFAR-100 has 2 label bytes)");
      }
    }
    return bytes;
  }

  private static Dataset.Split split(List<byte[]> files) throws DataUnavailableException {
    long total = 0;
    for (byte[] f : files) {
      total += f.length / RECORD;
    }
    if (total * PIXELS > Integer.MAX_VALUE - 8) {
      throw new DataUnavailableException("CIFAR-10: " + total + " images do not fit one Java array");
    }
    float[] x = new float[(int) (total * PIXELS)];
    int[] y = new int[(int) total];
    int n = 0;
    for (byte[] f : files) {
      for (int r = 0; r < f.length / RECORD; r++, n++) {
        int at = r * RECORD;
        y[n] = f[at] & 0xFF;
        int out = n * PIXELS;
        for (int p = 0; p < PIXELS; p++) {
          x[out + p] = PIXEL[f[at + 1 + p] & 0xFF];
        }
      }
    }
    return new Dataset.Split(x, y);
  }
}
