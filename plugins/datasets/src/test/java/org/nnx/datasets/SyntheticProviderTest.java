package org.nnx.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.data.DataUnavailableException;
import org.nnx.data.Dataset;
import org.nnx.ir.TensorShape;
import org.nnx.param.Parameters;

class SyntheticProviderTest {

  @TempDir Path dir;

  private static Parameters options(String shape, long segments) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("shape", shape);
    m.put("segments", segments);
    return new Parameters(m);
  }

  @Test
  void labelsAlternateBySegmentOfRows() {
    // 12,000 rows, 10 segments: rows 0..1199 -> 0, 1200..2399 -> 1, ...
    assertThat(SyntheticProvider.label(0, 12_000, 10)).isZero();
    assertThat(SyntheticProvider.label(1199, 12_000, 10)).isZero();
    assertThat(SyntheticProvider.label(1200, 12_000, 10)).isEqualTo(1);
    assertThat(SyntheticProvider.label(2399, 12_000, 10)).isEqualTo(1);
    assertThat(SyntheticProvider.label(2400, 12_000, 10)).isZero();
    assertThat(SyntheticProvider.label(11_999, 12_000, 10)).isEqualTo(1);
    // 1,200 test rows, 40 segments of 30 rows
    assertThat(SyntheticProvider.label(29, 1200, 40)).isZero();
    assertThat(SyntheticProvider.label(30, 1200, 40)).isEqualTo(1);
    assertThat(SyntheticProvider.label(60, 1200, 40)).isZero();
    // 10 rows in 3 segments of 10/3 rows, as Python computes int(i / (10 / 3)): 0,0,0,0,1,1,1,0,0,0
    int[] labels = new int[10];
    for (int i = 0; i < 10; i++) {
      labels[i] = SyntheticProvider.label(i, 10, 3);
    }
    assertThat(labels).containsExactly(0, 0, 0, 0, 1, 1, 1, 0, 0, 0);
    assertThat(SyntheticProvider.label(5, 10, 1)).isZero();
  }

  @Test
  void readsFilesFromTheSearchPathAndLabelsThemByRow() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("nnmass-synthetic"));
    StringBuilder train = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      train.append(i).append(".5,").append(-i).append("e-01\n");
    }
    Files.writeString(folder.resolve("train_linear.csv"), train);
    Files.writeString(folder.resolve("test_linear.csv"), "1,2\n3,4\n5,6\n7,8\n\n");
    Dataset d = new SyntheticProvider().load(options("linear", 2), TestData.locations(dir));
    assertThat(d.name()).isEqualTo("synthetic(shape = linear, segments = 2)");
    assertThat(d.inputShape()).isEqualTo(new TensorShape(2, 1, 1));
    assertThat(d.classes()).isEqualTo(2);
    assertThat(d.train().labels()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
    assertThat(d.train().features()[6]).isEqualTo(3.5f);
    assertThat(d.train().features()[7]).isCloseTo(-0.3f, within(1e-7f));
    assertThat(d.test().labels()).containsExactly(0, 0, 1, 1);
    assertThat(d.test().features()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void theProvidersOwnSubfolderComesFirst() throws Exception {
    Path own = Files.createDirectories(dir.resolve("synthetic"));
    Path authors = Files.createDirectories(dir.resolve("nnmass-synthetic"));
    Files.writeString(own.resolve("train_circle.csv"), "1,1\n");
    Files.writeString(own.resolve("test_circle.csv"), "1,1\n");
    Files.writeString(authors.resolve("train_circle.csv"), "2,2\n2,2\n");
    Files.writeString(authors.resolve("test_circle.csv"), "2,2\n");
    assertThat(new SyntheticProvider().load(options("circle", 10), TestData.locations(dir)).train().size())
        .isEqualTo(1);
  }

  @Test
  void badRowsAreReportedWithFileAndLine() throws Exception {
    Files.writeString(dir.resolve("train_circle.csv"), "1,2\n3;4\n");
    Files.writeString(dir.resolve("test_circle.csv"), "1,2\n");
    assertThatThrownBy(() -> new SyntheticProvider().load(options("circle", 10), TestData.locations(dir)))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining("train_circle.csv:2: expected 2 comma-separated numbers");
    Files.writeString(dir.resolve("train_circle.csv"), "1,2\n3,x\n");
    assertThatThrownBy(() -> new SyntheticProvider().load(options("circle", 10), TestData.locations(dir)))
        .hasMessageContaining("train_circle.csv:2: 'x' is not a number");
    Files.writeString(dir.resolve("train_circle.csv"), "1,NaN\n");
    assertThatThrownBy(() -> new SyntheticProvider().load(options("circle", 10), TestData.locations(dir)))
        .hasMessageContaining("train_circle.csv:1: 'NaN' is not finite");
  }

  @Test
  void withoutUserFilesTheAuthorsFilesBundledInTheJarAreRead() throws Exception {
    Dataset d = new SyntheticProvider().load(options("circle", 10), TestData.locations(dir));
    assertThat(d.train().size()).isEqualTo(12_000);
    assertThat(d.test().size()).isEqualTo(1_200);
    // the authors' first test row, as their data README gives it
    assertThat(d.test().features()[0]).isCloseTo(-0.0947f, within(5e-5f));
    assertThat(d.test().features()[1]).isCloseTo(-0.2318f, within(5e-5f));
    assertThat(d.test().labels()[119]).isZero();
    assertThat(d.test().labels()[120]).isEqualTo(1);
    Dataset linear = new SyntheticProvider().load(options("linear", 20), TestData.locations(dir));
    assertThat(linear.train().size()).isEqualTo(12_000);
    assertThat(linear.train().features()[2 * 11_999]).isEqualTo(linear.train().features()[2 * 11_999 + 1]);
    assertThat(linear.train().labels()[599]).isZero();
    assertThat(linear.train().labels()[600]).isEqualTo(1);
  }

  @Test
  void theBundledFilesAreTheRepositorysReferenceCopyByteForByte() throws Exception {
    Path reference = Path.of(System.getProperty("nnx.repository.root", "../.."), "reference", SyntheticProvider.FOLDER);
    for (String name : new String[] {"train_circle.csv", "test_circle.csv", "train_linear.csv", "test_linear.csv"}) {
      try (var in = SyntheticProvider.class.getResourceAsStream(SyntheticProvider.BUNDLED + name)) {
        assertThat(in).as(name).isNotNull();
        assertThat(in.readAllBytes()).as(name).isEqualTo(Files.readAllBytes(reference.resolve(name)));
      }
    }
  }

  @Test
  void onlyTheDataFoldersAreSearched() {
    assertThat(SyntheticProvider.folders(TestData.locations(dir)))
        .containsExactly(dir.resolve("synthetic"), dir.resolve("nnmass-synthetic"), dir);
  }
}
