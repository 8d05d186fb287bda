package org.nnx.datasets;

import java.nio.file.Path;
import java.util.Arrays;
import org.nnx.data.DataUnavailableException;

/**
 * Reads IDX files of unsigned bytes, the format of MNIST and Fashion-MNIST (LeCun et al., "The
 * MNIST database of handwritten digits", http://yann.lecun.com/exdb/mnist/).
 *
 * <p>Layout, all integers big-endian: two zero bytes; a type byte ({@code 0x08} = unsigned byte,
 * the only type accepted here); a byte giving the number of dimensions {@code d}; {@code d} 32-bit
 * dimension sizes; then the product of the sizes in data bytes, last dimension fastest. Images have
 * magic number {@code 0x00000803} (2051: {@code count x rows x columns}); labels {@code 0x00000801}
 * (2049: {@code count}). A file whose name ends with {@code .gz} is decompressed first.
 */
public final class IdxReader {

  /** The magic number of an image file: unsigned bytes, three dimensions. */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** The magic number of a label file: unsigned bytes, one dimension. */
  public static final int LABELS_MAGIC = 0x00000801;

  private static final int UNSIGNED_BYTE = 0x08;

  private IdxReader() {}

  /**
   * The content of an IDX file.
   *
   * @param file the file it was read from
   * @param dimensions the dimension sizes, outermost first, each {@code >= 0}
   * @param bytes the whole (decompressed) file; the data starts at {@code offset}
   * @param offset the index in {@code bytes} of the first data byte, {@code 4 + 4 * dimensions.length}
   */
  public record Idx(Path file, int[] dimensions, byte[] bytes, int offset) {

    /** The number of data bytes, the product of the dimensions. */
    public int dataLength() {
      return bytes.length - offset;
    }

    /** The data byte at {@code index} (from 0) as an unsigned value in {@code [0, 255]}. */
    public int unsigned(int index) {
      return bytes[offset + index] & 0xFF;
    }

    @Override
    public String toString() {
      return file + " " + Arrays.toString(dimensions);
    }
  }

  /**
   * Reads and validates an IDX file of unsigned bytes.
   *
   * @param file the file, plain or {@code .gz}
   * @param expectedMagic {@link #IMAGES_MAGIC}, {@link #LABELS_MAGIC} or another {@code 0x000008dd}
   *     value; it fixes the number of dimensions
   * @return the dimensions and data
   * @throws DataUnavailableException if the file cannot be read, its magic number differs from
   *     {@code expectedMagic}, a dimension is negative, or its length is not exactly the header
   *     plus the product of the dimensions (truncated or with trailing bytes); the message names
   *     the file and the fault
   */
  public static Idx read(Path file, int expectedMagic) throws DataUnavailableException {
    return parse(file, DataFiles.readAllBytes(file), expectedMagic);
  }

  /**
   * Validates IDX content already in memory; see {@link #read(Path, int)}.
   *
   * @param file the file the bytes came from, for messages
   */
  public static Idx parse(Path file, byte[] bytes, int expectedMagic) throws DataUnavailableException {
    int expectedRank = expectedMagic & 0xFF;
    if ((expectedMagic >>> 8) != UNSIGNED_BYTE || expectedRank == 0) {
      throw new IllegalArgumentException(
          String.format("unsupported IDX magic number 0x%08X: only unsigned-byte data", expectedMagic));
    }
    if (bytes.length < 4) {
      throw new DataUnavailableException(
          file + ": not an IDX file: " + bytes.length + " bytes, shorter than the 4-byte magic number");
    }
    int magic = readInt(bytes, 0);
    if (magic != expectedMagic) {
      throw new DataUnavailableException(String.format(
          "%s: wrong magic number 0x%08X, expected 0x%08X (%s); the file is corrupt or not %s",
          file, magic, expectedMagic, describe(expectedMagic), describe(expectedMagic)));
    }
    int header = 4 + 4 * expectedRank;
    if (bytes.length < header) {
      throw new DataUnavailableException(file + ": truncated IDX header: " + bytes.length
          + " bytes, but " + expectedRank + " dimensions need " + header);
    }
    int[] dims = new int[expectedRank];
    long data = 1;
    for (int i = 0; i < expectedRank; i++) {
      dims[i] = readInt(bytes, 4 + 4 * i);
      if (dims[i] < 0) {
        throw new DataUnavailableException(
            file + ": corrupt IDX header: dimension " + (i + 1) + " is " + dims[i]);
      }
      try {
        data = Math.multiplyExact(data, dims[i]);
      } catch (ArithmeticException e) {
        throw new DataUnavailableException(
            file + ": corrupt IDX header: dimensions " + Arrays.toString(dims) + " overflow");
      }
    }
    long expectedLength = header + data;
    if (bytes.length < expectedLength) {
      throw new DataUnavailableException(file + ": truncated: " + bytes.length + " bytes, but the header "
          + Arrays.toString(dims) + " needs " + expectedLength + " (" + header + " header + " + data
          + " data); fetch or copy it again");
    }
    if (bytes.length > expectedLength) {
      throw new DataUnavailableException(file + ": corrupt: " + bytes.length + " bytes, but the header "
          + Arrays.toString(dims) + " needs exactly " + expectedLength + " (" + (bytes.length - expectedLength)
          + " trailing bytes)");
    }
    return new Idx(file, dims, bytes, header);
  }

  private static String describe(int magic) {
    return switch (magic) {
      case IMAGES_MAGIC -> "an IDX image file";
      case LABELS_MAGIC -> "an IDX label file";
      default -> "an IDX file of " + (magic & 0xFF) + " dimensions";
    };
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }
}
