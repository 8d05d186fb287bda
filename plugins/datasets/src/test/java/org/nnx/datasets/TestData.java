package org.nnx.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.nnx.data.DataLocations;
import org.nnx.param.Parameters;

/** Writes small data files for the tests. */
final class TestData {

  private TestData() {}

  /** Search path {@code dirs}, cache = the last one. */
  static DataLocations locations(Path... dirs) {
    return new DataLocations(List.of(dirs), dirs[dirs.length - 1]);
  }

  static Parameters none() {
    return new Parameters(Map.of());
  }

  /** IDX bytes: magic, dimensions, data. */
  static byte[] idx(int magic, int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    b.put(data);
    return b.array();
  }

  /** {@code n} images of {@code side x side}; pixel {@code p} of image {@code i} is {@code (7 i + p) mod 256}. */
  static byte[] images(int n, int side) {
    byte[] data = new byte[n * side * side];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < side * side; p++) {
        data[i * side * side + p] = (byte) ((7 * i + p) % 256);
      }
    }
    return idx(IdxReader.IMAGES_MAGIC, new int[] {n, side, side}, data);
  }

  /** {@code n} labels {@code i mod 10}. */
  static byte[] labels(int n) {
    byte[] data = new byte[n];
    for (int i = 0; i < n; i++) {
      data[i] = (byte) (i % 10);
    }
    return idx(IdxReader.LABELS_MAGIC, new int[] {n}, data);
  }

  /** Writes the four MNIST files (3 train, 2 test images of 28x28) into {@code folder}. */
  static void writeMnist(Path folder, boolean gzip) throws IOException {
    Files.createDirectories(folder);
    write(folder.resolve("train-images-idx3-ubyte"), images(3, 28), gzip);
    write(folder.resolve("train-labels-idx1-ubyte"), labels(3), gzip);
    write(folder.resolve("t10k-images-idx3-ubyte"), images(2, 28), gzip);
    write(folder.resolve("t10k-labels-idx1-ubyte"), labels(2), gzip);
  }

  /** Writes {@code bytes} to {@code file}, or gzip-compressed to {@code file.gz}. */
  static Path write(Path file, byte[] bytes, boolean gzip) throws IOException {
    if (!gzip) {
      return Files.write(file, bytes);
    }
    return Files.write(file.resolveSibling(file.getFileName() + ".gz"), gzip(bytes));
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  /** A gzip-compressed ustar archive of regular files, in the order given. */
  static byte[] tarGz(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      tarEntry(tar, e.getKey(), e.getValue(), (byte) '0');
    }
    tar.write(new byte[1024]);
    return gzip(tar.toByteArray());
  }

  /** Appends one tar member: header and data padded to 512 bytes. Names over 100 bytes get a pax header. */
  static void tarEntry(ByteArrayOutputStream tar, String name, byte[] data, byte type) throws IOException {
    if (name.length() > 100) {
      String record = " path=" + name + "\n";
      int len = record.length() + 1;
      len = record.length() + String.valueOf(len).length();
      tarEntry(tar, "PaxHeader", (len + record).getBytes(StandardCharsets.UTF_8), (byte) 'x');
      name = name.substring(name.length() - 90);
    }
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, String.format("%011o", data.length));
    put(h, 136, "00000000000");
    h[156] = type;
    put(h, 257, "ustar");
    put(h, 263, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xFF;
    }
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
    tar.write(h);
    tar.write(data);
    tar.write(new byte[(512 - data.length % 512) % 512]);
  }

  private static void put(byte[] h, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, at, b.length);
  }
}
