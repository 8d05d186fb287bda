package org.nnx.nndegree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.nnx.architectures.ReferenceValues.doubleOf;
import static org.nnx.architectures.ReferenceValues.longOf;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnx.architectures.ReferenceNetworks;
import org.nnx.architectures.ReferenceValues;
import org.nnx.ir.Cell;
import org.nnx.ir.Network;
import org.nnx.nnmass.NnMassMetric;
import org.nnx.plugin.FixedTrialContext;
import org.nnx.plugin.MetricResult;
import org.nnx.param.Parameters;
import org.nnx.plugin.TrialContext;

/**
 * NN-Degree against NN-Mass on the NN-Mass authors' reference grid: every cell satisfies {@code g_c
 * = w_c + m_c (d_c-1)(d_c-2) / (2 d_c^2)}, with {@code m_c} the authors' NN-Mass (MLPs) or {@code
 * rho_c w_c d_c} from their per-cell densities (CNNs), and the networks' own NN-Mass agrees.
 */
class NnDegreeReferenceTest {

  private static final Parameters NO_OPTIONS = new Parameters(Map.of());

  private static double fromMass(double width, double depth, double mass) {
    return width + mass * (depth - 1) * (depth - 2) / (2 * depth * depth);
  }

  private static double relative(double expected) {
    return 1e-12 * Math.max(1, Math.abs(expected));
  }

  @Test
  void mlpsOfTheReferenceGrid() {
    List<Map<String, Object>> entries = ReferenceValues.section("mlp");
    assertThat(entries).hasSize(6);
    for (Map<String, Object> e : entries) {
      long width = longOf(e, "width");
      long depth = longOf(e, "depth");
      long tc = longOf(e, "tc");
      double expected = fromMass(width, depth, doubleOf(e, "nn_mass"));
      for (long seed : new long[] {0, 7}) {
        Network n = ReferenceNetworks.mlp(e, seed);
        TrialContext trial = FixedTrialContext.of(n);
        MetricResult degree = new NnDegreeMetric().compute(trial, NO_OPTIONS);
        double g = (Double) degree.values().get("nn_degree");
        assertThat(g).as("nn_degree of %s", e).isCloseTo(expected, within(relative(expected)));
        assertThat(degree.values().get("nn_degree_cells")).isEqualTo(List.of(g));
        double mass = (Double) new NnMassMetric().compute(trial, NO_OPTIONS).values().get("nn_mass");
        assertThat(g).isCloseTo(fromMass(width, depth, mass), within(relative(g)));
        if (tc <= width) {
          assertThat(g).isCloseTo(width + (depth - 2.0) * tc / depth, within(relative(g)));
        }
      }
    }
  }

  @Test
  void denseCnnsOfTheReferenceGrid() {
    List<Map<String, Object>> entries = ReferenceValues.section("cnn");
    assertThat(entries).hasSize(2);
    for (Map<String, Object> e : entries) {
      Network n = ReferenceNetworks.cnn(e, 3);
      List<?> densities = (List<?>) ReferenceValues.require(e, "density");
      List<Cell.Dense> cells = n.cells().stream().filter(Cell.Dense.class::isInstance).map(Cell.Dense.class::cast).toList();
      assertThat(cells).hasSameSizeAs(densities);
      MetricResult degree = new NnDegreeMetric().compute(FixedTrialContext.of(n), NO_OPTIONS);
      List<?> g = (List<?>) degree.values().get("nn_degree_cells");
      double total = 0;
      double massTotal = 0;
      for (int k = 0; k < cells.size(); k++) {
        Cell.Dense c = cells.get(k);
        double rho = ((Number) densities.get(k)).doubleValue();
        double mass = rho * c.width() * c.depth();
        double expected = fromMass(c.width(), c.depth(), mass);
        assertThat((Double) g.get(k)).as("cell %d of %s", k, e).isCloseTo(expected, within(relative(expected)));
        total += expected;
        massTotal += mass;
      }
      assertThat((Double) degree.values().get("nn_degree")).isCloseTo(total, within(relative(total)));
      assertThat(massTotal).isCloseTo(doubleOf(e, "nn_mass"), within(1e-9 * doubleOf(e, "nn_mass")));
    }
  }

  @Test
  void networksWithoutDenseCellsHaveDegreeZero() {
    for (Map<String, Object> e : ReferenceValues.section("named")) {
      MetricResult degree = new NnDegreeMetric().compute(FixedTrialContext.of(ReferenceNetworks.named(e)), NO_OPTIONS);
      assertThat(degree.values().get("nn_degree")).isEqualTo(0.0);
      assertThat((List<?>) degree.values().get("nn_degree_cells")).isEmpty();
    }
  }
}
