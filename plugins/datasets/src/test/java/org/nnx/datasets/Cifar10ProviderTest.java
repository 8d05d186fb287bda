package org.nnx.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.data.DataUnavailableException;
import org.nnx.data.Dataset;
import org.nnx.ir.TensorShape;

class Cifar10ProviderTest {

  @TempDir Path dir;

  /** {@code n} records with labels {@code first, first + 1, ...} (mod 10); pixel p of record k is (k * 3 + p) mod 256. */
  private static byte[] records(int n, int first) {
    byte[] b = new byte[n * 3073];
    for (int k = 0; k < n; k++) {
      b[k * 3073] = (byte) ((first + k) % 10);
      for (int p = 0; p < 3072; p++) {
        b[k * 3073 + 1 + p] = (byte) ((k * 3 + p) % 256);
      }
    }
    return b;
  }

  /** Writes the six files: training files with 2, 1, 1, 1, 1 records, the test file with 3 (gzip). */
  private Path writeAll(Path folder) throws Exception {
    Files.createDirectories(folder);
    int[] sizes = {2, 1, 1, 1, 1};
    int label = 0;
    for (int i = 0; i < 5; i++) {
      Files.write(folder.resolve("data_batch_" + (i + 1) + ".bin"), records(sizes[i], label));
      label += sizes[i];
    }
    TestData.write(folder.resolve("test_batch.bin"), records(3, 7), true);
    return folder;
  }

  @Test
  void readsRecordsChannelMajorInFileOrder() throws Exception {
    writeAll(dir.resolve("cifar-10-batches-bin"));
    Dataset d = new Cifar10Provider().load(TestData.none(), TestData.locations(dir));
    assertThat(d.name()).isEqualTo("cifar10");
    assertThat(d.inputShape()).isEqualTo(new TensorShape(3, 32, 32));
    assertThat(d.classes()).isEqualTo(10);
    assertThat(d.train().labels()).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(d.test().labels()).containsExactly(7, 8, 9);
    assertThat(d.train().features()).hasSize(6 * 3072);
    // record 1 of data_batch_1: pixel p = (3 + p) mod 256; p = 1024 is the first green value
    assertThat(d.train().features()[3072 + 1024]).isEqualTo(((3 + 1024) % 256) / 255f);
    assertThat(d.train().features()[3072 + 252]).isEqualTo(1f);
    // example 2 is record 0 of data_batch_2: pixel p = p mod 256
    assertThat(d.train().features()[2 * 3072 + 255]).isEqualTo(1f);
    assertThat(d.test().features()[2 * 3072 + 3071]).isEqualTo(((6 + 3071) % 256) / 255f);
  }

  @Test
  void readsTheCifar10SubfolderOfTheCache() throws Exception {
    writeAll(dir.resolve("cifar10"));
    assertThat(new Cifar10Provider().load(TestData.none(), TestData.locations(dir)).test().size()).isEqualTo(3);
  }

  @Test
  void aFileThatIsNotWholeRecordsIsReported() throws Exception {
    writeAll(dir);
    Path bad = dir.resolve("data_batch_3.bin");
    Files.write(bad, java.util.Arrays.copyOf(records(2, 0), 3073 + 100));
    assertThatThrownBy(() -> new Cifar10Provider().load(TestData.none(), TestData.locations(dir)))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining(bad + ": 3173 bytes, not a positive multiple of the 3073-byte CIFAR-10 record")
        .hasMessageContaining("1 whole records and 100 bytes left over");
    Files.write(bad, new byte[0]);
    assertThatThrownBy(() -> new Cifar10Provider().load(TestData.none(), TestData.locations(dir)))
        .hasMessageContaining(bad + ": 0 bytes");
  }

  @Test
  void labelsAbove9AreReported() throws Exception {
    writeAll(dir);
    byte[] b = records(2, 0);
    b[3073] = 10;
    Path bad = Files.write(dir.resolve("data_batch_5.bin"), b);
    assertThatThrownBy(() -> new Cifar10Provider().load(TestData.none(), TestData.locations(dir)))
        .hasMessageContaining(bad + ": record 1 has label 10");
  }

  @Test
  void missingFilesSayWhereToGetThem() throws Exception {
    writeAll(dir.resolve("cifar10"));
    Files.delete(dir.resolve("cifar10/test_batch.bin.gz"));
    assertThatThrownBy(() -> new Cifar10Provider().load(TestData.none(), TestData.locations(dir)))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageStartingWith("CIFAR-10 not found in [")
        .hasMessageContaining("but lacks test_batch.bin")
        .hasMessageContaining("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")
        .hasMessageContaining("--data DIR");
  }
}
