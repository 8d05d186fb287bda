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
 * {@code examples/patch-certification.nnx}: ART's model with its published weights certified on
 * the first 128 MNIST test images gives the reference counts (reference/art-derandomized-mnist):
 * column b = 2, m = 5: 52 certified, 52 certified and correct, 123 smoothed-correct; block s = 5, m =
 * 1: 22, 12, 30. And training on ablated inputs, certifying the trained ablation, end to end on
 * small images.
 */
class PatchCertificationTest {

  @TempDir
  Path dir;

  @Test
  void artsModelCertifiesTheReferenceCounts() throws Exception {
    Path file = Cli.root().resolve("examples/patch-certification.nnx");
    Cli run = Cli.run("run", "-q", file.toString(), "--only", "art_certificate", "--data",
        Cli.root().resolve("reference/mnist-first-128").toString(), "--out", dir.toString());
    assertThat(run.status()).as(run.err()).isZero();
    Map<String, String> row = CsvTable.read(dir.resolve("results.csv")).get(0);
    assertThat(count(row, "column.certified_fraction")).isEqualTo(52);
    assertThat(count(row, "column.certified_accuracy")).isEqualTo(52);
    assertThat(count(row, "column.smoothed_accuracy")).isEqualTo(123);
    assertThat(count(row, "block.certified_fraction")).isEqualTo(22);
    assertThat(count(row, "block.certified_accuracy")).isEqualTo(12);
    assertThat(count(row, "block.smoothed_accuracy")).isEqualTo(30);
  }

  private static long count(Map<String, String> row, String column) {
    double fraction = Double.parseDouble(row.get(column));
    long n = Math.round(fraction * 128);
    assertThat(fraction * 128).as(column).isCloseTo(n, org.assertj.core.api.Assertions.within(1e-9));
    return n;
  }

  @Test
  void aNetworkTrainedOnAblatedInputsIsCertifiedWithItsAblation() throws Exception {
    Path f = dir.resolve("t.nnx");
    Files.writeString(f, """
        network small() {
          input [2, 8, 8]
          conv2d(8, 3, padding = 1)
          relu
          max_pool(2)
          flatten
          dense(4)
        }
        experiment smoothed {
          seed 2
          data random_images(channels = 1, size = 8, classes = 4, train = 512, test = 64)
          train { ablation = {column(size = 3), block(size = 4)}, epochs = 3, batch = 32 }
          architectures { net: small() }
          measure test_accuracy, patch_certificate(patch = [1, 2]) as trained,
                  patch_certificate(ablation = row(size = 3), patch = 1, samples = 10) as rows
          report profile(trained.certified_accuracy_p1, trained.certified_accuracy_p2, by = ablation)
        }
        """);
    Cli run = Cli.run("run", "-q", f.toString(), "--out", dir.resolve("a").toString());
    assertThat(run.status()).as(run.err()).isZero();
    List<Map<String, String>> rows = CsvTable.read(dir.resolve("a/results.csv"));
    assertThat(rows).extracting(r -> r.get("ablation")).containsExactly("column(size = 3)", "block(size = 4)");
    for (Map<String, String> r : rows) {
      double clean = Double.parseDouble(r.get("test_accuracy"));
      assertThat(clean).isGreaterThan(0.25); // above chance on unablated images
      for (String m : List.of("p1", "p2")) {
        double certified = Double.parseDouble(r.get("trained.certified_accuracy_" + m));
        double fraction = Double.parseDouble(r.get("trained.certified_fraction_" + m));
        double smoothed = Double.parseDouble(r.get("trained.smoothed_accuracy_" + m));
        assertThat(certified).isBetween(0.0, Math.min(fraction, smoothed));
      }
      assertThat(Double.parseDouble(r.get("trained.certified_accuracy_p2")))
          .isLessThanOrEqualTo(Double.parseDouble(r.get("trained.certified_accuracy_p1")));
      assertThat(Double.parseDouble(r.get("rows.smoothed_accuracy")) * 10).isCloseTo(
          Math.rint(Double.parseDouble(r.get("rows.smoothed_accuracy")) * 10), org.assertj.core.api.Assertions.within(1e-9));
    }
    assertThat(dir.resolve("a/profile-trained.certified_accuracy_p1-vs-trained.certified_accuracy_p2.svg")).exists();
    // the same file and seed give the same numbers
    Cli again = Cli.run("run", "-q", f.toString(), "--out", dir.resolve("b").toString());
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(Files.readString(dir.resolve("b/results.csv"))).isEqualTo(Files.readString(dir.resolve("a/results.csv")));
  }
}
