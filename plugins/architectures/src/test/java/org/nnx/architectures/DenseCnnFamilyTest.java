package org.nnx.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nnx.architectures.NetworkAssertions.assertWellFormed;
import static org.nnx.architectures.NetworkAssertions.denseCells;
import static org.nnx.architectures.NetworkAssertions.gathers;
import static org.nnx.architectures.NetworkAssertions.links;
import static org.nnx.architectures.ReferenceValues.longOf;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnx.ir.Cell;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.plugin.BuildContext;
import org.nnx.param.Parameters;

class DenseCnnFamilyTest {

  private final DenseCnnFamily family = new DenseCnnFamily();

  private Network cnn(long seed, Object... namesAndValues) {
    return family.build(TestParameters.of(family, namesAndValues), new BuildContext(seed));
  }

  @Test
  void reproducesTheAuthorsParameterCounts() {
    List<Map<String, Object>> entries = ReferenceValues.section("cnn");
    assertThat(entries).hasSize(2);
    for (Map<String, Object> e : entries) {
      Network n = ReferenceNetworks.cnn(e, 2);
      assertThat(n.parameters()).as("params of " + e).isEqualTo(longOf(e, "params"));
      assertThat(n.output()).isEqualTo(TensorShape.vector(10));
      assertThat(n.input()).isEqualTo(new TensorShape(3, 32, 32));
      assertWellFormed(n);
    }
  }

  @Test
  void theBriefsExamples() {
    assertThat(cnn(0, "cell_depth", 8, "width_multiplier", 2, "tc", List.of(10, 20, 40)).parameters()).isEqualTo(1_835_570);
    assertThat(cnn(0, "cell_depth", 13, "width_multiplier", 2, "tc", List.of(40, 80, 125)).parameters()).isEqualTo(4_653_192);
  }

  @Test
  void recordsCellsOfWidth16TimesWmTimesPowersOfTwo() {
    Network n = cnn(0, "cell_depth", 13, "width_multiplier", 2, "tc", List.of(40, 80, 125));
    List<Cell.Dense> cells = denseCells(n);
    assertThat(cells.stream().map(Cell.Dense::width)).containsExactly(32, 64, 128);
    assertThat(cells.stream().map(Cell.Dense::depth)).containsOnly(13);
    assertThat(cells.stream().map(Cell.Dense::tc)).containsExactly(40, 80, 125);
    assertThat(cells.get(0).longRange()).containsExactly(0, 0, 32, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40);
    assertThat(cells.get(2).longRange()).containsExactly(0, 0, 125, 125, 125, 125, 125, 125, 125, 125, 125, 125, 125);
    assertThat(n.cells().get(n.cells().size() - 1)).isInstanceOf(Cell.Plain.class);
    // one gather per linked layer, sized t_j, over the outputs of layers 0..j-2 of its cell
    assertThat(gathers(n)).hasSize(33);
    for (Node g : gathers(n)) {
      String cell = g.name().substring(0, g.name().indexOf('.'));
      int layer = Integer.parseInt(g.name().replaceAll("cell\\d+\\.layer(\\d+)\\.gather", "$1"));
      assertThat(g.inputs()).hasSize(layer - 1);
      assertThat(n.nodes().get(g.inputs().get(0)).name()).isEqualTo(cell + ".layer0.bn");
      assertThat(g.output().channels()).isEqualTo(cells.get(cell.charAt(4) - '0').longRange()[layer]);
    }
  }

  @Test
  void oneTcValueServesEveryCell() {
    Network n = cnn(0, "cell_depth", 5, "width_multiplier", 1, "tc", 20);
    assertThat(denseCells(n).stream().map(Cell.Dense::tc)).containsExactly(20, 20, 20);
    assertThat(denseCells(n).get(0).longRange()).containsExactly(0, 0, 16, 20, 20);
  }

  @Test
  void smallRegularAndDepthwiseCountsByHand() {
    // widths 16, 32; t = [0, 0, 4]; 16x16 after cell 1, 8x8 after pooling
    // regular: cell 0 464 + 2336 + 2920, cell 1 4672 + 9280 + 10440, head 2048*10 + 10
    assertThat(cnn(0, "cells", 2, "cell_depth", 3, "width_multiplier", 1, "tc", 4).parameters()).isEqualTo(50_602);
    // depth-wise: cell 0 464 + 784 + 856, cell 1 2080 + 2592 + 2728, head 20490
    Network dw = cnn(0, "cells", 2, "cell_depth", 3, "width_multiplier", 1, "tc", 4, "depthwise", true);
    assertThat(dw.parameters()).isEqualTo(29_994);
    assertWellFormed(dw);
    assertThat(dw.nodes()).anyMatch(x -> x.op() instanceof Op.Conv2d c && c.groups() == 32 && c.stride() == 2);
    assertThat(dw.nodes().get(1).op()).isEqualTo(new Op.Conv2d(3, 16, 3, 1, 1, 1, false));
  }

  @Test
  void takesOtherInputShapes() {
    Network n = cnn(0, "cell_depth", 4, "width_multiplier", 1, "tc", 8, "inputs", List.of(1, 28, 28), "classes", 5);
    assertThat(n.input()).isEqualTo(new TensorShape(1, 28, 28));
    // 28 -> 14 -> 7 -> 3 after pooling
    assertThat(n.nodes().get(n.nodes().size() - 1).op()).isEqualTo(new Op.Dense(64 * 3 * 3, 5, true));
  }

  @Test
  void theSameSeedGivesTheSameLinksAndOtherSeedsOtherLinks() {
    Object[] p = {"cell_depth", 8, "width_multiplier", 2, "tc", List.of(10, 20, 40)};
    assertThat(links(cnn(9, p))).usingRecursiveComparison().isEqualTo(links(cnn(9, p)));
    assertThat(links(cnn(9, p))).usingRecursiveComparison().isNotEqualTo(links(cnn(10, p)));
    assertThat(cnn(9, p).parameters()).isEqualTo(cnn(10, p).parameters());
  }

  @Test
  void reportsAPerCellListOfTheWrongLength() {
    Parameters p = TestParameters.of(family, "cell_depth", 8, "width_multiplier", 2, "tc", List.of(10, 20));
    CollectingProblems problems = new CollectingProblems();
    family.validate(p, problems);
    assertThat(problems.problems).hasSize(1);
    assertThat(problems.problems.get(0).parameter()).isEqualTo("tc");
    assertThat(problems.problems.get(0).message()).contains("2 values", "3 cells");
    assertThat(problems.problems.get(0).hint()).isNotBlank();
    assertThatThrownBy(() -> family.build(p, new BuildContext(0))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 cells");

    CollectingProblems ok = new CollectingProblems();
    family.validate(TestParameters.of(family, "cell_depth", 8, "width_multiplier", 2, "tc", List.of(10, 20, 40)), ok);
    family.validate(TestParameters.of(family, "cell_depth", 8, "width_multiplier", 2, "tc", 10), ok);
    assertThat(ok.problems).isEmpty();
  }

  @Test
  void reportsInputsTooSmallForTheCells() {
    CollectingProblems problems = new CollectingProblems();
    family.validate(TestParameters.of(family, "cells", 5, "cell_depth", 3, "width_multiplier", 1, "tc", 1, "inputs", List.of(3, 16, 16)), problems);
    assertThat(problems.problems).extracting(CollectingProblems.Problem::parameter).containsExactly("inputs");
    assertThatThrownBy(() -> cnn(0, "cell_depth", 3, "width_multiplier", 1, "tc", 1, "inputs", List.of(3, 3, 32)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesOutOfRangeValues() {
    assertThatThrownBy(() -> cnn(0, "cell_depth", 2, "width_multiplier", 1, "tc", 1)).hasMessageContaining("cell_depth");
    assertThatThrownBy(() -> cnn(0, "cell_depth", 3, "width_multiplier", 0, "tc", 1)).hasMessageContaining("width_multiplier");
    assertThatThrownBy(() -> cnn(0, "cell_depth", 3, "width_multiplier", 1, "tc", -1)).hasMessageContaining("tc");
    assertThatThrownBy(() -> cnn(0, "cells", 0, "cell_depth", 3, "width_multiplier", 1, "tc", 1)).hasMessageContaining("cells");
    assertThatThrownBy(() -> cnn(0, "cell_depth", 3, "width_multiplier", 1, "tc", 1, "classes", 1)).hasMessageContaining("classes");
  }
}
