package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code examples/nndegree.nnx} runs and its NN-Degree column follows the closed form and the NN-Mass relation. */
class NnDegreeExampleTest {

  @TempDir
  Path out;

  @Test
  void nnDegreeFollowsItsClosedFormAndNnMass() throws IOException {
    Cli result = Cli.run("run", "-q", Cli.root().resolve("examples/nndegree.nnx").toString(), "--out", out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    List<Map<String, String>> rows = org.nnx.report.CsvTable.read(out.resolve("results.csv"));
    assertThat(rows).hasSize(2 * 2 * 5 + 1);
    for (Map<String, String> r : rows.subList(0, 20)) {
      double w = Double.parseDouble(r.get("width"));
      double d = Double.parseDouble(r.get("depth"));
      double t = Double.parseDouble(r.get("tc"));
      double g = Double.parseDouble(r.get("nn_degree"));
      double m = Double.parseDouble(r.get("nn_mass"));
      assertThat(g).as("%s", r).isCloseTo(w + m * (d - 1) * (d - 2) / (2 * d * d), within(1e-9));
      if (t <= w) {
        assertThat(g).as("%s", r).isCloseTo(w + (d - 2) * t / d, within(1e-12));
      }
    }
    // the three-cell stack: (16 + 6*16/8) + (32 + 4*32/6) + (8 + 2*8/4)
    Map<String, String> three = rows.get(20);
    assertThat(Double.parseDouble(three.get("nn_degree")))
        .isCloseTo(16 + 6 * 16 / 8.0 + 32 + 4 * 32 / 6.0 + 8 + 2 * 8 / 4.0, within(1e-12));
    assertThat(three.get("nn_degree_cells").split(";")).hasSize(3);
  }
}
