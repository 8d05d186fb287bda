package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.report.CsvTable;

/**
 * Weights stored on noisy cells from a {@code .nnx} file, end to end on small images: one training
 * for every (channel, code, size) row; without noise the stored network is the network; the digital
 * baseline and the cell counts; the same file and seed give the same numbers; the plot with its
 * noiseless line on a log axis. And {@code examples/analog-storage.nnx} checks.
 */
class AnalogStorageTest {

  @TempDir
  Path dir;

  @Test
  void storedWeightsFromAFile() throws Exception {
    Path f = dir.resolve("s.nnx");
    Files.writeString(f, """
        network small() {
          input [1, 8, 8]
          flatten
          dense(16)
          relu
          dense(4)
        }
        experiment stored {
          seed 3
          data random_images(channels = 1, size = 8, classes = 4, train = 512, test = 64)
          train { epochs = 2, batch = 32 }
          architectures { net: small() }
          measure test_accuracy,
                  stored_accuracy(channel = {gaussian(sigma = 0), pcm(time = 1 h)},
                                  code = {naive, sign + adaptive + split(levels = 4), digital(ecc = hamming)},
                                  size = {1, 2}, draws = 4)
          report plot(stored_accuracy, cells_per_weight, by = code, line = test_accuracy, log = x)
        }
        """);
    Cli run = Cli.run("run", "-q", f.toString(), "--out", dir.resolve("a").toString());
    assertThat(run.status()).as(run.err()).isZero();
    List<Map<String, String>> rows = CsvTable.read(dir.resolve("a/results.csv"));
    assertThat(rows).hasSize(12);
    assertThat(rows).extracting(r -> r.get("test_accuracy")).containsOnly(rows.get(0).get("test_accuracy"));
    assertThat(rows).extracting(r -> r.get("seed")).containsOnly(rows.get(0).get("seed"));
    long weights = 64 * 16 + 16 + 16 * 4 + 4;
    for (Map<String, String> r : rows) {
      String code = r.get("code");
      int size = Integer.parseInt(r.get("size"));
      double cells = Double.parseDouble(r.get("cells"));
      double expected = code.startsWith("naive") ? size : code.startsWith("sign") ? size + 1
          : Math.ceil(weights * size * 7.0 / 4 / 2) / weights; // digital: size bits per weight, 2 per cell
      assertThat(cells / weights).as(code + " at size " + size).isCloseTo(expected,
          org.assertj.core.api.Assertions.within(1e-12));
      assertThat(Double.parseDouble(r.get("cells_per_weight"))).isEqualTo(cells / weights);
      if (r.get("channel").startsWith("gaussian") && code.equals("naive")) {
        assertThat(r.get("stored_accuracy")).isEqualTo(r.get("test_accuracy"));
        assertThat(Double.parseDouble(r.get("stored_accuracy_sd"))).isZero();
        assertThat(Double.parseDouble(r.get("weight_error_rms"))).isZero();
      }
      if (code.startsWith("digital")) {
        assertThat(Double.parseDouble(r.get("stored_accuracy_sd"))).isZero();
        assertThat(Double.parseDouble(r.get("weight_error_rms"))).isPositive();
      }
      if (r.get("channel").startsWith("pcm") && code.equals("naive")) {
        assertThat(Double.parseDouble(r.get("weight_error_rms"))).isPositive();
      }
    }
    assertThat(dir.resolve("a/plot-stored_accuracy-vs-cells_per_weight.svg")).exists();
    assertThat(Files.readString(dir.resolve("a/plot-stored_accuracy-vs-cells_per_weight.svg")))
        .contains("log scale").contains("test_accuracy (mean");
    Cli again = Cli.run("run", "-q", f.toString(), "--out", dir.resolve("b").toString());
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(Files.readString(dir.resolve("b/results.csv"))).isEqualTo(Files.readString(dir.resolve("a/results.csv")));
  }

  @Test
  void theExampleChecks() {
    Cli check = Cli.run("check", Cli.root().resolve("examples/analog-storage.nnx").toString());
    assertThat(check.status()).as(check.err()).isZero();
    assertThat(check.out()).contains("experiment mlp_pcm: 36 trials");
  }
}
