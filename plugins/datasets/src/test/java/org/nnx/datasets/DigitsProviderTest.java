package org.nnx.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.data.DataUnavailableException;
import org.nnx.data.Dataset;
import org.nnx.ir.TensorShape;

class DigitsProviderTest {

  @TempDir Path dir;

  /** {@code rows} rows; pixel c of row r is (r + c) mod 17, the label r mod 10. */
  private static String csv(int rows) {
    StringBuilder b = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < 64; c++) {
        b.append((r + c) % 17).append(',');
      }
      b.append(r % 10).append('\n');
    }
    return b.toString();
  }

  private Path writeGz(Path folder, String content) throws Exception {
    Files.createDirectories(folder);
    return Files.write(folder.resolve("digits.csv.gz"), TestData.gzip(content.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void splitsTheFirst1500RowsForTrainingAndScalesPixels() throws Exception {
    writeGz(dir.resolve("digits"), csv(1797));
    Dataset d = new DigitsProvider().load(TestData.none(), TestData.locations(dir));
    assertThat(d.name()).isEqualTo("digits");
    assertThat(d.inputShape()).isEqualTo(new TensorShape(1, 8, 8));
    assertThat(d.classes()).isEqualTo(10);
    assertThat(d.train().size()).isEqualTo(1500);
    assertThat(d.test().size()).isEqualTo(297);
    assertThat(d.train().features()).hasSize(1500 * 64);
    assertThat(d.test().features()).hasSize(297 * 64);
    assertThat(d.train().labels()[13]).isEqualTo(3);
    assertThat(d.test().labels()[0]).isEqualTo(0); // row 1500
    assertThat(d.test().labels()[296]).isEqualTo(6); // row 1796
    assertThat(d.train().features()[16]).isEqualTo(16 / 16f); // row 0, pixel 16
    assertThat(d.train().features()[64 + 1]).isEqualTo(2 / 16f); // row 1, pixel 1
    assertThat(d.test().features()[5]).isEqualTo(((1500 + 5) % 17) / 16f);
  }

  @Test
  void readsAnUncompressedFileDirectlyInTheDataFolderAndDecimalNotation() throws Exception {
    String text = csv(1797).replace("16,", "1.6e+01,");
    Files.writeString(dir.resolve("digits.csv"), text);
    Dataset d = new DigitsProvider().load(TestData.none(), TestData.locations(dir));
    assertThat(d.train().features()[16]).isEqualTo(1f);
  }

  @Test
  void aTruncatedFileIsReported() throws Exception {
    Path file = writeGz(dir, csv(1796));
    assertThatThrownBy(() -> new DigitsProvider().load(TestData.none(), TestData.locations(dir)))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining(file + ": 1796 rows, but the digits data set has 1797");
    byte[] gz = TestData.gzip(csv(1797).getBytes(StandardCharsets.US_ASCII));
    Files.write(file, java.util.Arrays.copyOf(gz, gz.length - 20));
    assertThatThrownBy(() -> new DigitsProvider().load(TestData.none(), TestData.locations(dir)))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("gzip");
  }

  @Test
  void badValuesAreReportedWithTheirLine() throws Exception {
    String[] lines = csv(1797).split("\n");
    lines[9] = lines[9].replaceFirst("^\\d+,", "17,");
    writeGz(dir, String.join("\n", lines));
    assertThatThrownBy(() -> new DigitsProvider().load(TestData.none(), TestData.locations(dir)))
        .hasMessageContaining("digits.csv.gz:10: '17' is not an integer in 0..16");
    lines = csv(1797).split("\n");
    lines[0] = lines[0] + ",3";
    writeGz(dir, String.join("\n", lines));
    assertThatThrownBy(() -> new DigitsProvider().load(TestData.none(), TestData.locations(dir)))
        .hasMessageContaining("digits.csv.gz:1: 66 values, expected 65");
  }

  @Test
  void missingFileNamesTheFetchCommand() {
    assertThatThrownBy(() -> new DigitsProvider().load(TestData.none(), TestData.locations(dir)))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining(dir.resolve("digits").toString())
        .hasMessageContaining("run: ./nnx data fetch digits (or pass --data DIR)");
  }
}
