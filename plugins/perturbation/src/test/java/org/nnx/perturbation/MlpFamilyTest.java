package org.nnx.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.plugin.BuildContext;

class MlpFamilyTest {

  private static Network build(String skip, int width, int depth, int inputs, int classes) {
    return new MlpFamily().build(TestTrial.mlp(width, depth, skip, "relu", inputs, classes), new BuildContext(0));
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
      LocalNetwork local = LocalNetwork.of(build(skip, 6, 5, 4, 3), 0.5, 1);
      LocalNetwork.Kind hidden = switch (skip) {
        case "none" -> LocalNetwork.Kind.PLAIN;
        case "residual" -> LocalNetwork.Kind.RESIDUAL;
        default -> LocalNetwork.Kind.DENSE;
      };
      assertThat(local.layers().stream().map(LocalNetwork.Layer::kind).toList())
          .containsExactly(LocalNetwork.Kind.PLAIN, hidden, hidden, hidden, LocalNetwork.Kind.LINEAR);
      assertThat(local.epsilon()).isEqualTo(0.5);
    }
  }

  @Test
  void weightsFollowPyTorchsDefaultBoundAndTheSeed() {
    LocalNetwork a = LocalNetwork.of(build("none", 16, 3, 100, 3), 1, 7);
    LocalNetwork b = LocalNetwork.of(build("none", 16, 3, 100, 3), 1, 7);
    LocalNetwork c = LocalNetwork.of(build("none", 16, 3, 100, 3), 1, 8);
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
    LocalNetwork net = LocalNetwork.of(build("residual", 3, 3, 2, 2), 0.25, 3);
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
    assertThatThrownBy(() -> LocalNetwork.of(bad, 1, 0)).hasMessageContaining("not piecewise linear");
  }
}
