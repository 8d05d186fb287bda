package org.nnx.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyntheticGeneratorTest {

  private static final double W = 100.0 / 120;

  /** Standard deviation of the position in its bin (in bin widths) of a normal truncated at +-1 sd. */
  private static final double TRUNCATED_NORMAL_SD = 0.2698;

  private static final double UNIFORM_SD = Math.sqrt(1.0 / 12);

  /** Position of each point's radius (circle) or x (linear) inside its bin, in [0, 1]. */
  private static double[] positions(double[] xy, int perBin, boolean circle) {
    double[] out = new double[xy.length / 2];
    for (int j = 0; j < out.length; j++) {
      double r = circle ? Math.hypot(xy[2 * j], xy[2 * j + 1]) : xy[2 * j];
      out[j] = r / W - j / perBin;
    }
    return out;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double sd(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / v.length);
  }

  @Test
  void sizesAndBinsFollowTheAuthorsLayout() {
    for (String shape : List.of("circle", "linear")) {
      SyntheticGenerator.Points p = SyntheticGenerator.generate(shape, 1);
      assertThat(p.train()).hasSize(2 * 12_000);
      assertThat(p.test()).hasSize(2 * 1_200);
      for (double pos : positions(p.train(), 100, shape.equals("circle"))) {
        assertThat(pos).as(shape + " train").isBetween(0.0, 1.0);
      }
      for (double pos : positions(p.test(), 10, shape.equals("circle"))) {
        assertThat(pos).as(shape + " test").isBetween(0.0, 1.0);
      }
    }
  }

  @Test
  void circleRadiiAreTruncatedNormalInTheirBinAndAnglesUniform() {
    SyntheticGenerator.Points p = SyntheticGenerator.generate("circle", SyntheticGenerator.SEED);
    double[] pos = positions(p.train(), 100, true);
    assertThat(mean(pos)).isCloseTo(0.5, within(0.01));
    // 12,000 draws: the standard error of the sd is about 0.002; a uniform radius would give 0.2887
    assertThat(sd(pos)).isCloseTo(TRUNCATED_NORMAL_SD, within(0.006));
    int[] octants = new int[8];
    double sumCos = 0;
    double sumSin = 0;
    for (int j = 0; j < 12_000; j++) {
      double a = Math.atan2(p.train()[2 * j + 1], p.train()[2 * j]);
      sumCos += Math.cos(a);
      sumSin += Math.sin(a);
      octants[(int) Math.floor((a + Math.PI) / (Math.PI / 4)) % 8]++;
    }
    assertThat(sumCos / 12_000).isCloseTo(0, within(0.03));
    assertThat(sumSin / 12_000).isCloseTo(0, within(0.03));
    double chi2 = 0;
    for (int c : octants) {
      chi2 += (c - 1500.0) * (c - 1500.0) / 1500.0;
    }
    assertThat(chi2).as("chi-square of 8 octants, 7 degrees of freedom").isLessThan(24.3); // p = 0.001
  }

  @Test
  void linearPointsLieOnTheDiagonalUniformInTheirBin() {
    SyntheticGenerator.Points p = SyntheticGenerator.generate("linear", SyntheticGenerator.SEED);
    for (int j = 0; j < 12_000; j++) {
      assertThat(p.train()[2 * j + 1]).isEqualTo(p.train()[2 * j]);
    }
    double[] pos = positions(p.train(), 100, false);
    assertThat(mean(pos)).isCloseTo(0.5, within(0.01));
    assertThat(sd(pos)).isCloseTo(UNIFORM_SD, within(0.006));
  }

  @Test
  void theSeedFixesThePoints() {
    SyntheticGenerator.Points a = SyntheticGenerator.generate("circle", 5);
    SyntheticGenerator.Points b = SyntheticGenerator.generate("circle", 5);
    SyntheticGenerator.Points c = SyntheticGenerator.generate("circle", 6);
    assertThat(a.train()).containsExactly(b.train());
    assertThat(a.test()).containsExactly(b.test());
    assertThat(a.test()[0]).isNotEqualTo(c.test()[0]);
    assertThatThrownBy(() -> SyntheticGenerator.generate("square", 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theGeneratorMatchesTheDistributionOfTheAuthorsFiles() throws Exception {
    Optional<Path> shared = DataFiles.sharedDataFolder(SyntheticProvider.FOLDER);
    assumeTrue(shared.isPresent() && Files.isRegularFile(shared.get().resolve("train_circle.csv")),
        "shared/data/nnmass-synthetic is not available");
    for (String shape : List.of("circle", "linear")) {
      List<String> lines = Files.readAllLines(shared.get().resolve("train_" + shape + ".csv"));
      double[] xy = new double[2 * lines.size()];
      for (int j = 0; j < lines.size(); j++) {
        String[] cells = lines.get(j).split(",");
        xy[2 * j] = Double.parseDouble(cells[0]);
        xy[2 * j + 1] = Double.parseDouble(cells[1]);
      }
      double[] authors = positions(xy, 100, shape.equals("circle"));
      double[] ours = positions(SyntheticGenerator.generate(shape, SyntheticGenerator.SEED).train(), 100,
          shape.equals("circle"));
      for (double pos : authors) {
        assertThat(pos).isBetween(0.0, 1.0);
      }
      assertThat(sd(ours)).as(shape).isCloseTo(sd(authors), within(0.008));
      assertThat(mean(ours)).as(shape).isCloseTo(mean(authors), within(0.015));
    }
  }
}
