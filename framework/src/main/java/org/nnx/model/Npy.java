package org.nnx.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (version 1.0 to 3.0, NEP 1): a magic string, a header that is a Python
 * dict literal ({@code descr}, {@code fortran_order}, {@code shape}), then the raw values. nnx reads
 * little- or big-endian {@code float32} and {@code float64} arrays in C or Fortran order (float64 is
 * rounded to single precision) and writes little-endian {@code float32} in C order, version 1.0.
 *
 * <p>Every malformed input is a {@link NpyException} whose message says what is wrong: a file too
 * short for its header or its values (truncated), an unsupported dtype, a header that is not a dict.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** A {@code .npy} input nnx cannot read; the message says why. */
  public static final class NpyException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A problem described by {@code message}. */
    public NpyException(String message) {
      super(message);
    }
  }

  /**
   * Decodes one array.
   *
   * @param bytes the whole file
   * @return the array as a single-precision tensor in C order
   * @throws NpyException if the bytes are not a float32/float64 {@code .npy} array or are truncated
   */
  public static Tensor read(byte[] bytes) throws NpyException {
    if (bytes.length < MAGIC.length + 4) {
      throw new NpyException("truncated: " + bytes.length + " bytes, too short for a .npy header");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new NpyException("not a NumPy .npy file (it does not start with \\x93NUMPY)");
      }
    }
    int major = bytes[6] & 0xff;
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength;
    int start;
    if (major == 1) {
      headerLength = in.getShort(8) & 0xffff;
      start = 10;
    } else if (major == 2 || major == 3) {
      if (bytes.length < 12) {
        throw new NpyException("truncated: " + bytes.length + " bytes, too short for a .npy header");
      }
      headerLength = in.getInt(8);
      start = 12;
    } else {
      throw new NpyException("unsupported .npy version " + major + "." + (bytes[7] & 0xff));
    }
    if (headerLength < 0 || start + (long) headerLength > bytes.length) {
      throw new NpyException("truncated: the header needs " + headerLength + " bytes, the file has "
          + (bytes.length - start) + " after the magic string");
    }
    String header = new String(bytes, start, headerLength, StandardCharsets.ISO_8859_1);
    String descr = find(DESCR, header, "descr");
    boolean fortran = find(FORTRAN, header, "fortran_order").equals("True");
    int[] shape = shape(find(SHAPE, header, "shape"));
    if (descr.length() != 3 || "<>|=".indexOf(descr.charAt(0)) < 0 || descr.charAt(1) != 'f'
        || (descr.charAt(2) != '4' && descr.charAt(2) != '8')) {
      throw new NpyException("dtype " + dtypeName(descr) + " is not supported; nnx reads float32 ('<f4') and "
          + "float64 ('<f8') arrays (in NumPy: a.astype(np.float32))");
    }
    int width = descr.charAt(2) - '0';
    ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    long count;
    try {
      count = Tensor.size(shape);
    } catch (IllegalArgumentException e) {
      throw new NpyException("shape " + java.util.Arrays.toString(shape) + " has an empty dimension");
    }
    int dataStart = start + headerLength;
    long needed = count * width;
    if (bytes.length - dataStart < needed) {
      throw new NpyException("truncated: shape " + java.util.Arrays.toString(shape) + " of " + dtypeName(descr)
          + " needs " + needed + " bytes of values, the file has " + (bytes.length - dataStart));
    }
    if (count > Integer.MAX_VALUE) {
      throw new NpyException("shape " + java.util.Arrays.toString(shape) + " holds more than 2^31 values");
    }
    ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) needed).slice().order(order);
    float[] values = new float[(int) count];
    for (int i = 0; i < values.length; i++) {
      values[i] = width == 4 ? data.getFloat(i * 4) : (float) data.getDouble(i * 8);
    }
    if (fortran && shape.length > 1) {
      values = fromFortranOrder(values, shape);
    }
    return new Tensor(shape, values);
  }

  /** The bytes of {@code tensor} as a little-endian float32 C-order {@code .npy} file, version 1.0. */
  public static byte[] write(Tensor tensor) {
    int[] shape = tensor.shape();
    StringBuilder dims = new StringBuilder();
    for (int d : shape) {
      dims.append(d).append(", ");
    }
    String tuple = shape.length == 1 ? shape[0] + "," : shape.length == 0 ? "" : dims.substring(0, dims.length() - 2);
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + tuple + "), }";
    // magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64, ending in \n
    int unpadded = 10 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream(10 + header.length() + 4 * tensor.size());
    out.writeBytes(MAGIC);
    out.write(1);
    out.write(0);
    out.write(header.length() & 0xff);
    out.write(header.length() >>> 8);
    out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
    ByteBuffer data = ByteBuffer.allocate(4 * tensor.size()).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : tensor.values()) {
      data.putFloat(v);
    }
    out.writeBytes(data.array());
    return out.toByteArray();
  }

  private static String find(Pattern p, String header, String key) throws NpyException {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new NpyException("the header has no valid '" + key + "' entry: " + header.trim());
    }
    return m.group(1);
  }

  private static int[] shape(String tuple) throws NpyException {
    List<Integer> dims = new ArrayList<>();
    for (String part : tuple.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      try {
        dims.add(Integer.parseInt(p.endsWith("L") ? p.substring(0, p.length() - 1) : p));
      } catch (NumberFormatException e) {
        throw new NpyException("the header's shape (" + tuple + ") is not a tuple of integers");
      }
    }
    return dims.stream().mapToInt(Integer::intValue).toArray();
  }

  private static String dtypeName(String descr) {
    return switch (descr.length() == 3 ? descr.substring(1) : descr) {
      case "f2" -> "float16 ('" + descr + "')";
      case "f4" -> "float32 ('" + descr + "')";
      case "f8" -> "float64 ('" + descr + "')";
      case "i1", "i2", "i4", "i8" -> "int" + 8 * (descr.charAt(2) - '0') + " ('" + descr + "')";
      case "u1", "u2", "u4", "u8" -> "uint" + 8 * (descr.charAt(2) - '0') + " ('" + descr + "')";
      case "b1" -> "bool ('" + descr + "')";
      default -> "'" + descr + "'";
    };
  }

  /** Reorders values stored with the first index fastest into C order (last index fastest). */
  private static float[] fromFortranOrder(float[] values, int[] shape) {
    float[] out = new float[values.length];
    int rank = shape.length;
    int[] index = new int[rank];
    for (int f = 0; f < values.length; f++) {
      int c = 0;
      for (int d = 0; d < rank; d++) {
        c = c * shape[d] + index[d];
      }
      out[c] = values[f];
      for (int d = 0; d < rank; d++) {
        if (++index[d] < shape[d]) {
          break;
        }
        index[d] = 0;
      }
    }
    return out;
  }

  /** Reads {@code in} fully; a convenience for streams of {@code .npy} data. */
  public static Tensor read(java.io.InputStream in) throws IOException, NpyException {
    return read(in.readAllBytes());
  }
}
