package org.nnx.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.data.DataUnavailableException;
import org.nnx.data.Dataset;
import org.nnx.ir.TensorShape;

class IdxImageProviderTest {

  @TempDir Path dir;

  @Test
  void loadsMnistFromNamedSubfolderWithScaledPixels() throws Exception {
    TestData.writeMnist(dir.resolve("mnist"), false);
    Dataset d = new MnistProvider().load(TestData.none(), TestData.locations(dir));
    assertThat(d.name()).isEqualTo("mnist");
    assertThat(d.inputShape()).isEqualTo(new TensorShape(1, 28, 28));
    assertThat(d.classes()).isEqualTo(10);
    assertThat(d.train().size()).isEqualTo(3);
    assertThat(d.test().size()).isEqualTo(2);
    assertThat(d.train().features()).hasSize(3 * 784);
    assertThat(d.train().labels()).containsExactly(0, 1, 2);
    // pixel p of image i is (7 i + p) mod 256
    assertThat(d.train().features()[0]).isZero();
    assertThat(d.train().features()[255]).isEqualTo(1f);
    assertThat(d.train().features()[784 + 3]).isCloseTo(10 / 255f, within(1e-7f));
    assertThat(d.test().features()[784 + 248]).isEqualTo(1f);
    for (float v : d.train().features()) {
      assertThat(v).isBetween(0f, 1f);
    }
  }

  @Test
  void loadsGzipFilesDirectlyInTheDataFolder() throws Exception {
    TestData.writeMnist(dir, true);
    Dataset d = new FashionMnistProvider().load(TestData.none(), TestData.locations(dir));
    assertThat(d.name()).isEqualTo("fashion_mnist");
    assertThat(d.train().labels()).containsExactly(0, 1, 2);
    assertThat(d.test().labels()).containsExactly(0, 1);
  }

  @Test
  void theFirstSearchPathEntryWins() throws Exception {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    TestData.writeMnist(second.resolve("mnist"), false);
    Files.createDirectories(first.resolve("mnist"));
    TestData.write(first.resolve("mnist/train-images-idx3-ubyte"), TestData.images(1, 28), false);
    TestData.write(first.resolve("mnist/train-labels-idx1-ubyte"), TestData.labels(1), false);
    TestData.write(first.resolve("mnist/t10k-images-idx3-ubyte"), TestData.images(1, 28), false);
    TestData.write(first.resolve("mnist/t10k-labels-idx1-ubyte"), TestData.labels(1), false);
    assertThat(new MnistProvider().load(TestData.none(), TestData.locations(first, second)).train().size())
        .isEqualTo(1);
    assertThat(new MnistProvider().load(TestData.none(), TestData.locations(second, first)).train().size())
        .isEqualTo(3);
  }

  @Test
  void missingFilesNameTheFoldersAndTheFetchCommand() throws Exception {
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    assertThatThrownBy(() -> new MnistProvider().load(TestData.none(), TestData.locations(dir, other)))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageStartingWith("MNIST not found in [")
        .hasMessageContaining(dir.resolve("mnist").toString())
        .hasMessageContaining(other.toString())
        .hasMessageEndingWith("run: ./nnx data fetch mnist (or pass --data DIR)");
    assertThatThrownBy(() -> new FashionMnistProvider().load(TestData.none(), TestData.locations(dir)))
        .hasMessageStartingWith("Fashion-MNIST not found in [")
        .hasMessageContaining("./nnx data fetch fashion_mnist");
  }

  @Test
  void aFolderWithSomeFilesIsNamedWithWhatItLacks() throws Exception {
    TestData.writeMnist(dir.resolve("mnist"), false);
    Files.delete(dir.resolve("mnist/t10k-labels-idx1-ubyte"));
    assertThatThrownBy(() -> new MnistProvider().load(TestData.none(), TestData.locations(dir)))
        .hasMessageContaining(dir.resolve("mnist") + " has train-images-idx3-ubyte")
        .hasMessageContaining("but lacks t10k-labels-idx1-ubyte");
  }

  @Test
  void labelAndImageCountsMustAgree() throws Exception {
    TestData.writeMnist(dir, false);
    TestData.write(dir.resolve("t10k-labels-idx1-ubyte"), TestData.labels(5), false);
    assertThatThrownBy(() -> new MnistProvider().load(TestData.none(), TestData.locations(dir)))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining("t10k-labels-idx1-ubyte: 5 labels, but")
        .hasMessageContaining("has 2 images");
  }

  @Test
  void imagesMustBe28By28() throws Exception {
    TestData.writeMnist(dir, false);
    TestData.write(dir.resolve("train-images-idx3-ubyte"), TestData.images(3, 8), false);
    assertThatThrownBy(() -> new MnistProvider().load(TestData.none(), TestData.locations(dir)))
        .hasMessageContaining("train-images-idx3-ubyte: images are 8x8 pixels, but MNIST images are 28x28");
  }

  @Test
  void labelsMustBeClasses() throws Exception {
    TestData.writeMnist(dir, false);
    byte[] labels = TestData.idx(IdxReader.LABELS_MAGIC, new int[] {3}, new byte[] {1, 10, 2});
    TestData.write(dir.resolve("train-labels-idx1-ubyte"), labels, false);
    assertThatThrownBy(() -> new MnistProvider().load(TestData.none(), TestData.locations(dir)))
        .hasMessageContaining("label 10 of example 1 is not a class of MNIST (0..9)");
  }

  @Test
  void aTruncatedImageFileIsReportedByName() throws Exception {
    TestData.writeMnist(dir, false);
    Path images = dir.resolve("t10k-images-idx3-ubyte");
    byte[] b = Files.readAllBytes(images);
    Files.write(images, java.util.Arrays.copyOf(b, b.length - 100));
    assertThatThrownBy(() -> new MnistProvider().load(TestData.none(), TestData.locations(dir)))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining(images + ": truncated");
  }
}
