package org.nnx.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.data.DataUnavailableException;

class IdxReaderTest {

  @TempDir Path dir;

  @Test
  void readsDimensionsAndUnsignedData() throws Exception {
    Path file = TestData.write(dir.resolve("images"), TestData.images(3, 4), false);
    IdxReader.Idx idx = IdxReader.read(file, IdxReader.IMAGES_MAGIC);
    assertThat(idx.dimensions()).containsExactly(3, 4, 4);
    assertThat(idx.dataLength()).isEqualTo(48);
    assertThat(idx.offset()).isEqualTo(16);
    assertThat(idx.unsigned(0)).isZero();
    assertThat(idx.unsigned(16 + 5)).isEqualTo(7 + 5);
  }

  @Test
  void bytesAbove127AreUnsigned() throws Exception {
    byte[] data = {(byte) 200, (byte) 255, 0};
    Path file = TestData.write(dir.resolve("l"), TestData.idx(IdxReader.LABELS_MAGIC, new int[] {3}, data), false);
    IdxReader.Idx idx = IdxReader.read(file, IdxReader.LABELS_MAGIC);
    assertThat(new int[] {idx.unsigned(0), idx.unsigned(1), idx.unsigned(2)}).containsExactly(200, 255, 0);
  }

  @Test
  void readsGzipFiles() throws Exception {
    Path file = TestData.write(dir.resolve("labels"), TestData.labels(12), true);
    assertThat(file.getFileName().toString()).isEqualTo("labels.gz");
    IdxReader.Idx idx = IdxReader.read(file, IdxReader.LABELS_MAGIC);
    assertThat(idx.dimensions()).containsExactly(12);
    assertThat(idx.unsigned(11)).isEqualTo(1);
  }

  @Test
  void truncatedDataIsReportedWithSizes() throws Exception {
    byte[] good = TestData.images(2, 4);
    Path file = TestData.write(dir.resolve("cut"), Arrays.copyOf(good, good.length - 1), false);
    assertThatThrownBy(() -> IdxReader.read(file, IdxReader.IMAGES_MAGIC))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("truncated")
        .hasMessageContaining((good.length - 1) + " bytes")
        .hasMessageContaining("needs " + good.length);
  }

  @Test
  void truncatedHeaderIsReported() throws Exception {
    byte[] good = TestData.images(2, 4);
    Path file = TestData.write(dir.resolve("header"), Arrays.copyOf(good, 10), false);
    assertThatThrownBy(() -> IdxReader.read(file, IdxReader.IMAGES_MAGIC))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("truncated IDX header");
    Path tiny = TestData.write(dir.resolve("tiny"), new byte[] {0, 0}, false);
    assertThatThrownBy(() -> IdxReader.read(tiny, IdxReader.IMAGES_MAGIC))
        .hasMessageContaining(tiny.toString())
        .hasMessageContaining("not an IDX file");
  }

  @Test
  void trailingBytesAreReported() throws Exception {
    byte[] good = TestData.labels(5);
    Path file = TestData.write(dir.resolve("long"), Arrays.copyOf(good, good.length + 3), false);
    assertThatThrownBy(() -> IdxReader.read(file, IdxReader.LABELS_MAGIC))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("3 trailing bytes");
  }

  @Test
  void wrongMagicNumberIsReported() throws Exception {
    Path labels = TestData.write(dir.resolve("labels"), TestData.labels(5), false);
    assertThatThrownBy(() -> IdxReader.read(labels, IdxReader.IMAGES_MAGIC))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining(labels.toString())
        .hasMessageContaining("wrong magic number 0x00000801, expected 0x00000803")
        .hasMessageContaining("IDX image file");
    Path text = Files.writeString(dir.resolve("text"), "hello, this is not IDX");
    assertThatThrownBy(() -> IdxReader.read(text, IdxReader.LABELS_MAGIC))
        .hasMessageContaining("wrong magic number");
  }

  @Test
  void negativeAndOverflowingDimensionsAreReported() throws Exception {
    Path neg = TestData.write(dir.resolve("neg"),
        TestData.idx(IdxReader.IMAGES_MAGIC, new int[] {-1, 28, 28}, new byte[0]), false);
    assertThatThrownBy(() -> IdxReader.read(neg, IdxReader.IMAGES_MAGIC))
        .hasMessageContaining("dimension 1 is -1");
    Path huge = TestData.write(dir.resolve("huge"),
        TestData.idx(IdxReader.IMAGES_MAGIC, new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, 28}, new byte[0]), false);
    assertThatThrownBy(() -> IdxReader.read(huge, IdxReader.IMAGES_MAGIC))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining(huge.toString());
  }

  @Test
  void corruptAndTruncatedGzipIsReported() throws Exception {
    byte[] gz = TestData.gzip(TestData.labels(1000));
    Path cut = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
    assertThatThrownBy(() -> IdxReader.read(cut, IdxReader.LABELS_MAGIC))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining(cut.toString())
        .hasMessageContaining("gzip");
    Path bad = Files.write(dir.resolve("bad.gz"), TestData.labels(5));
    assertThatThrownBy(() -> IdxReader.read(bad, IdxReader.LABELS_MAGIC))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining(bad.toString())
        .hasMessageContaining("gzip");
  }

  @Test
  void missingFileIsReported() {
    Path none = dir.resolve("none");
    assertThatThrownBy(() -> IdxReader.read(none, IdxReader.LABELS_MAGIC))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining(none.toString());
  }
}
