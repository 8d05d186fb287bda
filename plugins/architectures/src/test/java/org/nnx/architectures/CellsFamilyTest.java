package org.nnx.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nnx.architectures.NetworkAssertions.assertWellFormed;
import static org.nnx.architectures.NetworkAssertions.denseCells;
import static org.nnx.architectures.NetworkAssertions.gathers;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnx.ir.Cell;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.plugin.BuildContext;
import org.nnx.param.ParamType;
import org.nnx.param.Parameters;

class CellsFamilyTest {

  private final CellsFamily cells = new CellsFamily();
  private final DenseMlpFamily mlp = new DenseMlpFamily();

  private static Parameters cell(int width, int depth, int tc) {
    return TestParameters.record(CellsFamily.CELL, "width", width, "depth", depth, "tc", tc);
  }

  private Network stack(int inputs, int classes, long seed, Parameters... cellList) {
    return cells.build(
        TestParameters.of(cells, "inputs", inputs, "classes", classes, "cells", List.of((Object[]) cellList)),
        new BuildContext(seed));
  }

  @Test
  void oneCellIsExactlyDenseMlp() {
    int[][] configs = {{8, 8, 10, 784, 10}, {4, 40, 200, 784, 10}, {32, 3, 5, 2, 2}, {16, 24, 3, 784, 10}, {8, 4, 0, 2, 2}};
    for (int[] c : configs) {
      for (long seed : new long[] {0, 1, 12345}) {
        Network a =
            mlp.build(
                TestParameters.of(mlp, "width", c[0], "depth", c[1], "tc", c[2], "inputs", c[3], "classes", c[4]),
                new BuildContext(seed));
        Network b = stack(c[3], c[4], seed, cell(c[0], c[1], c[2]));
        assertThat(b.nodes()).isEqualTo(a.nodes());
        assertThat(b.cells()).hasSameSizeAs(a.cells());
        Cell.Dense x = denseCells(a).get(0);
        Cell.Dense y = denseCells(b).get(0);
        assertThat(y.width()).isEqualTo(x.width());
        assertThat(y.depth()).isEqualTo(x.depth());
        assertThat(y.tc()).isEqualTo(x.tc());
        assertThat(y.longRange()).isEqualTo(x.longRange());
        assertThat(b.parameters()).isEqualTo(a.parameters());
        assertThat(b.flops()).isEqualTo(a.flops());
        assertThat(b.family()).isEqualTo("cells");
      }
    }
  }

  @Test
  void eachFollowingCellReadsThePreviousCellsActivatedLastOutput() {
    Network n = stack(10, 3, 5, cell(4, 3, 2), cell(6, 4, 100));
    assertWellFormed(n);
    assertThat(n.output()).isEqualTo(TensorShape.vector(3));
    Node actIn = node(n, "cell1.layer0.act_in");
    assertThat(n.nodes().get(actIn.inputs().get(0)).name()).isEqualTo("cell0.layer2.dense");
    assertThat(node(n, "cell1.layer0.dense").op()).isEqualTo(new Op.Dense(4, 6, true));
    // cell 0 ends with a hidden layer of width 4, cell 1 with the classifier
    assertThat(node(n, "cell0.layer2.dense").op()).isEqualTo(new Op.Dense(4 + 2, 4, true));
    assertThat(node(n, "cell1.layer3.dense").op()).isEqualTo(new Op.Dense(6 + 12, 3, true));
    // cell 0: 44 + 20 + 28; cell 1: 30 + 42 + 78 + 57
    assertThat(n.parameters()).isEqualTo(92 + 207);
    List<Cell.Dense> dense = denseCells(n);
    assertThat(dense).hasSize(2);
    assertThat(dense.get(0).longRange()).containsExactly(0, 0, 2);
    assertThat(dense.get(1).longRange()).containsExactly(0, 0, 6, 12);
  }

  @Test
  void linksNeverCrossCells() {
    Network n = stack(10, 3, 5, cell(4, 5, 3), cell(6, 5, 7), cell(3, 4, 2));
    assertWellFormed(n);
    for (Node g : gathers(n)) {
      String cellPrefix = g.name().substring(0, g.name().indexOf('.'));
      for (int id : g.inputs()) {
        assertThat(n.nodes().get(id).name()).startsWith(cellPrefix + ".");
      }
    }
  }

  @Test
  void declaresCellsAsAListOfCellRecords() {
    var spec = cells.parameters().stream().filter(s -> s.name().equals("cells")).findFirst().orElseThrow();
    assertThat(spec.type()).isInstanceOf(ParamType.ListOf.class);
    ParamType.ListOf list = (ParamType.ListOf) spec.type();
    assertThat(list.minSize()).isEqualTo(1);
    assertThat(list.element()).isInstanceOf(ParamType.RecordOf.class);
    assertThat(((ParamType.RecordOf) list.element()).name()).isEqualTo("cell");
    assertThat(((ParamType.RecordOf) list.element()).parameters().stream().map(s -> s.name()))
        .containsExactly("width", "depth", "tc");
  }

  @Test
  void refusesOutOfRangeCells() {
    assertThatThrownBy(() -> stack(10, 3, 0, cell(4, 2, 1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth");
    assertThatThrownBy(() -> stack(10, 3, 0, cell(4, 3, 1), cell(0, 3, 1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width");
    assertThatThrownBy(() -> stack(10, 3, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cells");
    assertThatThrownBy(() -> stack(10, 1, 0, cell(4, 3, 1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classes");
  }

  private static Node node(Network n, String name) {
    return n.nodes().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
  }
}
