package org.nnx.nndegree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnx.ir.Cell;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;

class NnDegreeTest {

  /** t_i = min(tc, (i-1) w) for i >= 2, as the architectures build them. */
  private static Cell.Dense cell(int width, int depth, int tc) {
    int[] t = new int[depth];
    for (int i = 2; i < depth; i++) {
      t[i] = (int) Math.min(tc, (long) (i - 1) * width);
    }
    return new Cell.Dense(width, depth, tc, t);
  }

  private static Network network(Cell... cells) {
    NetworkBuilder b = new NetworkBuilder("test", TensorShape.vector(4));
    b.add("dense", new Op.Dense(4, 2, true), 0);
    for (Cell c : cells) {
      b.cell(c);
    }
    return b.build();
  }

  @Test
  void handComputedCell() {
    // width 8, depth 8, tc 10: t_2..t_7 = 8, 10, 10, 10, 10, 10 (58 links); g = 8 + 58 / 8
    assertThat(NnDegree.cell(cell(8, 8, 10))).isEqualTo(8 + 58.0 / 8);
    // fully dense width 4, depth 5: t = 4, 8, 12 (24 links); g = 4 + 24 / 5
    assertThat(NnDegree.cell(cell(4, 5, 1000))).isEqualTo(4 + 24.0 / 5);
  }

  @Test
  void closedFormHoldsForEveryTcUpToTheWidth() {
    for (int width = 1; width <= 24; width++) {
      for (int depth = 3; depth <= 30; depth++) {
        for (int t = 0; t <= width; t++) {
          double g = NnDegree.cell(cell(width, depth, t));
          assertThat(g).as("w %d d %d t %d", width, depth, t)
              .isCloseTo(width + (depth - 2.0) * t / depth, within(1e-12));
          assertThat(NnDegree.closedForm(width, depth, t)).isCloseTo(g, within(1e-12));
        }
      }
    }
  }

  @Test
  void aboveTheWidthTheFirstLayersSaturateAndTheClosedFormOverestimates() {
    // width 4, depth 6, tc 6: t = 4, 6, 6, 6 = 22 < (6 - 2) * 6 = 24
    assertThat(NnDegree.cell(cell(4, 6, 6))).isEqualTo(4 + 22.0 / 6);
    assertThat(4 + 4 * 6.0 / 6).isGreaterThan(NnDegree.cell(cell(4, 6, 6)));
    assertThatThrownBy(() -> NnDegree.closedForm(4, 6, 6)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutLinksTheDegreeIsTheWidth() {
    assertThat(NnDegree.cell(cell(16, 10, 0))).isEqualTo(16.0);
  }

  @Test
  void networksSumTheirDenseCellsAndIgnoreOtherCells() {
    Network n = network(cell(8, 8, 10), new Cell.Plain("head"), new Cell.BasicBlock(64, 64, 1), cell(16, 4, 3));
    assertThat(NnDegree.cells(n)).containsExactly(8 + 58.0 / 8, 16 + 6.0 / 4);
    assertThat(NnDegree.of(n)).isEqualTo(8 + 58.0 / 8 + 16 + 6.0 / 4);
    assertThat(NnDegree.of(network(new Cell.BasicBlock(64, 64, 1)))).isZero();
    assertThat(NnDegree.cells(network())).isEmpty();
  }

  @Test
  void malformedCellsAreRejected() {
    assertThatThrownBy(() -> NnDegree.cell(new Cell.Dense(8, 4, 2, new int[3])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth 4 lists 3");
    assertThatThrownBy(() -> NnDegree.cell(new Cell.Dense(2, 4, 9, new int[] {0, 0, 3, 0})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 long-range links out of 2");
    assertThatThrownBy(() -> NnDegree.cell(new Cell.Dense(2, 4, 1, new int[] {0, 1, 0, 0})))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NnDegree.cell(new Cell.Dense(2, 4, 1, new int[] {0, 0, -1, 0})))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void moreLinksNeverLowerTheDegree() {
    List<Double> g = new java.util.ArrayList<>();
    for (int tc = 0; tc <= 200; tc += 5) {
      g.add(NnDegree.cell(cell(8, 12, tc)));
    }
    assertThat(g).isSorted();
    assertThat(g.get(0)).isEqualTo(8.0);
    // saturated: every candidate linked, sum_{i=2}^{11} (i-1) 8 = 8 * 55
    assertThat(g.get(g.size() - 1)).isEqualTo(8 + 8 * 55.0 / 12);
  }
}
