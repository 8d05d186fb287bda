package org.nnx.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnx.ir.Cell;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.plugin.BuildContext;
import org.nnx.param.Parameters;

class MlpFamilyTest {

  private static Network build(String skip, int width, int depth, int inputs, int classes) {
    return build(skip, width, depth, inputs, classes, 1.0);
  }

  private static Network build(String skip, int width, int depth, int inputs, int classes, double epsilon) {
    return new MlpFamily().build(
        TestTrial.mlp(width, depth, skip, "relu", inputs, classes, epsilon), new BuildContext(0));
  }

  @Test
  void plainMlpIsAChainOfDenseAndActivation() {
    Network net = build("none", 8, 4, 5, 3);
    assertThat(net.nodes().stream().map(n -> n.op().getClass().getSimpleName()).toList())
        .containsExactly("Input", "Dense", "Act", "Dense", "Act", "Dense", "Act", "Dense");
    // 5*8+8 + 2*(8*8+8) + 8*3+3
    assertThat(net.parameters()).isEqualTo(48 + 144 + 27);
    assertThat(net.output().size()).isEqualTo(3);
  }

  @Test
  void residualLayersAddTheirInputToTheActivation() {
    Network net = build("residual", 8, 4, 5, 3);
    List<Node> adds = net.nodes().stream().filter(n -> n.op() instanceof Op.Add).toList();
    assertThat(adds).hasSize(2);
    for (Node add : adds) {
      Node act = net.nodes().get(add.inputs().get(0));
      assertThat(act.op()).isInstanceOf(Op.Act.class);
      Node dense = net.nodes().get(act.inputs().get(0));
      assertThat(add.inputs().get(1)).isEqualTo(dense.inputs().get(0));
    }
    assertThat(net.parameters()).isEqualTo(48 + 144 + 27);
  }

  @Test
  void residualLayersWithEpsilonOneHaveNoScaleNode() {
    assertThat(build("residual", 8, 4, 5, 3).nodes()).noneMatch(n -> n.op() instanceof Op.Scale);
  }

  @Test
  void residualLayersScaleTheirInputByEpsilonBeforeTheAddition() {
    Map<String, Object> p = new LinkedHashMap<>(TestTrial.mlp(8, 5, "residual", "relu", 5, 3).asMap());
    p.put("epsilon", 0.5);
    Network net = new MlpFamily().build(new Parameters(p), new BuildContext(0));
    List<Node> adds = net.nodes().stream().filter(n -> n.op() instanceof Op.Add).toList();
    assertThat(adds).hasSize(3);
    for (int i = 1; i <= 3; i++) {
      Node add = adds.get(i - 1);
      assertThat(add.name()).isEqualTo("layer" + i + ".add");
      Node act = net.nodes().get(add.inputs().get(0));
      assertThat(act.op()).isInstanceOf(Op.Act.class);
      Node scale = net.nodes().get(add.inputs().get(1));
      assertThat(scale.name()).isEqualTo("layer" + i + ".scale");
      assertThat(scale.op()).isEqualTo(new Op.Scale(0.5));
      Node dense = net.nodes().get(act.inputs().get(0));
      assertThat(scale.inputs()).containsExactly(dense.inputs().get(0));
    }
    assertThat(net.parameters()).isEqualTo(build("residual", 8, 5, 5, 3).parameters());
    assertThat(net.flops()).isEqualTo(build("residual", 8, 5, 5, 3).flops());
  }

  @Test
  void theWholeNetworkIsOneDenseNetTypeCell() {
    int width = 6;
    int depth = 5;
    Map<String, int[]> expected = Map.of(
        "none", new int[] {0, 0, 0, 0, 0},
        "residual", new int[] {0, 0, 6, 6, 6},
        "dense", new int[] {0, 0, 6, 12, 18});
    Map<String, Integer> tc = Map.of("none", 0, "residual", 6, "dense", 18);
    for (String skip : List.of("none", "residual", "dense")) {
      List<Cell> cells = build(skip, width, depth, 4, 3).cells();
      assertThat(cells).hasSize(1);
      Cell.Dense cell = (Cell.Dense) cells.get(0);
      assertThat(cell.width()).isEqualTo(width);
      assertThat(cell.depth()).isEqualTo(depth);
      assertThat(cell.tc()).as(skip).isEqualTo(tc.get(skip));
      assertThat(cell.longRange()).as(skip).containsExactly(expected.get(skip));
    }
  }

  @Test
  void longRangeLinksFollowTheDenseNetRuleAndGiveTheExpectedDensity() {
    for (String skip : List.of("none", "residual", "dense")) {
      Cell.Dense cell = (Cell.Dense) build(skip, 4, 6, 3, 2).cells().get(0);
      long taken = 0;
      long possible = 0;
      for (int i = 0; i < cell.depth(); i++) {
        long candidates = i < 2 ? 0 : (long) (i - 1) * cell.width();
        assertThat(cell.longRange()[i]).isEqualTo((int) Math.min(cell.tc(), candidates));
        taken += cell.longRange()[i];
        possible += candidates;
      }
      // NN-Density taken/possible (possible = 4 * (1+2+3+4) = 40), NN-Mass = density * width * depth
      double density = (double) taken / possible;
      double expected = switch (skip) {
        case "none" -> 0.0;
        case "residual" -> 16.0 / 40;
        default -> 1.0;
      };
      assertThat(density).as(skip).isEqualTo(expected);
    }
  }

  @Test
  void theDenseMlpHasAsManyInputsPerLayerAsShortAndLongRangeLinks() {
    Network net = build("dense", 5, 6, 3, 2);
    Cell.Dense cell = (Cell.Dense) net.cells().get(0);
    List<Integer> ins = net.nodes().stream().filter(n -> n.op() instanceof Op.Dense)
        .map(n -> ((Op.Dense) n.op()).in()).toList();
    for (int i = 1; i < cell.depth(); i++) {
      assertThat(ins.get(i)).isEqualTo(cell.width() + cell.longRange()[i]);
    }
  }

  @Test
  void denseLayersConcatenateTheirInputFirstSoFeaturesGrowByWidth() {
    Network net = build("dense", 8, 5, 5, 3);
    List<Integer> ins = net.nodes().stream().filter(n -> n.op() instanceof Op.Dense)
        .map(n -> ((Op.Dense) n.op()).in()).toList();
    assertThat(ins).containsExactly(5, 8, 16, 24, 32);
    Node concat = net.nodes().stream().filter(n -> n.op() instanceof Op.Concat).findFirst().orElseThrow();
    assertThat(net.nodes().get(concat.inputs().get(1)).op()).isInstanceOf(Op.Act.class);
  }

  @Test
  void localNetworkReadsTheKindOfEveryLayer() {
    for (String skip : List.of("none", "residual", "dense")) {
      LocalNetwork local = LocalNetwork.of(build(skip, 6, 5, 4, 3, 0.5), 1);
      LocalNetwork.Kind hidden = switch (skip) {
        case "none" -> LocalNetwork.Kind.PLAIN;
        case "residual" -> LocalNetwork.Kind.RESIDUAL;
        default -> LocalNetwork.Kind.DENSE;
      };
      assertThat(local.layers().stream().map(LocalNetwork.Layer::kind).toList())
          .containsExactly(LocalNetwork.Kind.PLAIN, hidden, hidden, hidden, LocalNetwork.Kind.LINEAR);
      assertThat(local.layers().get(1).epsilon()).isEqualTo(skip.equals("residual") ? 0.5 : 1.0);
    }
  }

  @Test
  void weightsFollowPyTorchsDefaultBoundAndTheSeed() {
    LocalNetwork a = LocalNetwork.of(build("none", 16, 3, 100, 3), 7);
    LocalNetwork b = LocalNetwork.of(build("none", 16, 3, 100, 3), 7);
    LocalNetwork c = LocalNetwork.of(build("none", 16, 3, 100, 3), 8);
    double bound = 1 / Math.sqrt(100);
    double max = 0;
    for (double[] row : a.layers().get(0).w()) {
      for (double v : row) {
        max = Math.max(max, Math.abs(v));
      }
    }
    assertThat(max).isLessThanOrEqualTo(bound).isGreaterThan(0.95 * bound);
    assertThat(a.layers().get(1).w()).isDeepEqualTo(b.layers().get(1).w());
    assertThat(a.layers().get(1).w()[0][0]).isNotEqualTo(c.layers().get(1).w()[0][0]);
  }

  @Test
  void forwardPassMatchesTheDefinitionOfAResidualLayerWithEpsilon() {
    LocalNetwork net = LocalNetwork.of(build("residual", 3, 3, 2, 2, 0.25), 3);
    double[] x = {0.7, -1.3};
    LocalNetwork.Pass pass = net.forward(x);
    LocalNetwork.Layer hidden = net.layers().get(1);
    double[] a = pass.inputs()[1];
    double[] expected = new double[3];
    for (int r = 0; r < 3; r++) {
      double z = hidden.b()[r];
      for (int j = 0; j < 3; j++) {
        z += hidden.w()[r][j] * a[j];
      }
      expected[r] = Math.max(z, 0) + 0.25 * a[r];
    }
    assertThat(pass.inputs()[2]).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void rejectsNetworksThatAreNotChainsOfDenseLayers() {
    Network tanh = new MlpFamily().build(TestTrial.mlp(4, 3, "none", "relu", 3, 2), new BuildContext(0));
    List<Node> nodes = new java.util.ArrayList<>(tanh.nodes());
    Node act = nodes.get(2);
    nodes.set(2, new Node(act.id(), act.name(), new Op.Act(org.nnx.ir.Activation.TANH), act.inputs(),
        act.inputShapes(), act.output()));
    Network bad = new Network("x", nodes, tanh.cells());
    assertThatThrownBy(() -> LocalNetwork.of(bad, 0)).hasMessageContaining("not piecewise linear");
  }
}
