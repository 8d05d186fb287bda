package org.nnx.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** NumPy's {@code .npy} format: what nnx writes reads back, what NumPy writes reads, and every malformed file is named. */
class NpyTest {

  /** A file as NumPy 1.x writes it: magic, version, little-endian header length, dict padded to 64 bytes. */
  private static byte[] numpy(String descr, String shape, boolean fortran, byte[] data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
        + shape + "), }";
    int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.ISO_8859_1));
    b.put(data);
    return b.array();
  }

  private static byte[] doubles(double... v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double x : v) {
      b.putDouble(x);
    }
    return b.array();
  }

  @Test
  void whatNnxWritesReadsBackAndHasNumpysLayout() throws Exception {
    Tensor t = new Tensor(new int[] {2, 3}, new float[] {1, -2, 3.5f, 0, Float.MIN_VALUE, 1e30f});
    byte[] bytes = Npy.write(t);
    assertThat(Npy.read(bytes)).isEqualTo(t);
    // header padded so that the data start at a multiple of 64, as NumPy aligns them
    int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
    assertThat((10 + headerLength) % 64).isZero();
    assertThat(new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1))
        .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").endsWith("\n");
    Tensor vector = new Tensor(new int[] {4}, new float[] {1, 2, 3, 4});
    assertThat(new String(Npy.write(vector), 10, 60, StandardCharsets.ISO_8859_1)).contains("'shape': (4,)");
    assertThat(Npy.read(Npy.write(vector))).isEqualTo(vector);
  }

  @Test
  void float64AndFortranOrderAreRead() throws Exception {
    Tensor d = Npy.read(numpy("<f8", "2, 2", false, doubles(1, 2, 3, 4)));
    assertThat(d.values()).containsExactly(1, 2, 3, 4);
    // column-major [[1, 2], [3, 4]] is stored 1, 3, 2, 4
    Tensor f = Npy.read(numpy("<f8", "2, 2", true, doubles(1, 3, 2, 4)));
    assertThat(f.values()).containsExactly(1, 2, 3, 4);
    ByteBuffer big = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
    big.putFloat(1.5f).putFloat(-2);
    assertThat(Npy.read(numpy(">f4", "2,", false, big.array())).values()).containsExactly(1.5f, -2);
  }

  @Test
  void malformedFilesSayWhatIsWrong() {
    byte[] good = Npy.write(new Tensor(new int[] {3}, new float[] {1, 2, 3}));
    assertThatThrownBy(() -> Npy.read(Arrays.copyOf(good, good.length - 4))).isInstanceOf(Npy.NpyException.class)
        .hasMessageContaining("truncated").hasMessageContaining("needs 12 bytes of values, the file has 8");
    assertThatThrownBy(() -> Npy.read(Arrays.copyOf(good, 20))).hasMessageContaining("truncated");
    assertThatThrownBy(() -> Npy.read(new byte[3])).hasMessageContaining("truncated");
    assertThatThrownBy(() -> Npy.read("PK\u0003\u0004 not npy at all".getBytes(StandardCharsets.ISO_8859_1)))
        .hasMessageContaining("not a NumPy .npy file");
    assertThatThrownBy(() -> Npy.read(numpy("<i8", "1,", false, new byte[8])))
        .hasMessageContaining("dtype int64 ('<i8') is not supported").hasMessageContaining("float32");
    assertThatThrownBy(() -> Npy.read(numpy("|b1", "1,", false, new byte[1]))).hasMessageContaining("bool");
  }
}
