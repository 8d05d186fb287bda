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
import org.nnx.ir.Activation;
import org.nnx.ir.Cell;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.plugin.BuildContext;
import org.nnx.param.ParamType;
import org.nnx.param.Parameters;

class DenseMlpFamilyTest {

  private final DenseMlpFamily family = new DenseMlpFamily();

  private Network mlp(int width, int depth, int tc, int inputs, int classes, long seed) {
    return family.build(
        TestParameters.of(family, "width", width, "depth", depth, "tc", tc, "inputs", inputs, "classes", classes),
        new BuildContext(seed));
  }

  @Test
  void reproducesTheAuthorsParameterAndFlopCounts() {
    List<Map<String, Object>> entries = ReferenceValues.section("mlp");
    assertThat(entries).hasSize(6);
    for (Map<String, Object> e : entries) {
      Network n = ReferenceNetworks.mlp(e, 7);
      assertThat(n.parameters()).as("params of " + e).isEqualTo(longOf(e, "params"));
      assertThat(n.flops()).as("flops of " + e).isEqualTo(longOf(e, "flops"));
      assertThat(n.output()).isEqualTo(TensorShape.vector((int) longOf(e, "classes")));
      assertWellFormed(n);
    }
  }

  @Test
  void theBriefsExampleHas7286ParametersAnd14506Flops() {
    Network n = mlp(8, 8, 10, 784, 10, 1);
    assertThat(n.parameters()).isEqualTo(7_286);
    assertThat(n.flops()).isEqualTo(14_506);
  }

  @Test
  void recordsOneDenseCellWithTheLinkRule() {
    Network n = mlp(8, 8, 10, 784, 10, 3);
    assertThat(n.cells()).hasSize(1);
    Cell.Dense cell = denseCells(n).get(0);
    assertThat(cell.width()).isEqualTo(8);
    assertThat(cell.depth()).isEqualTo(8);
    assertThat(cell.tc()).isEqualTo(10);
    // t_i = min(tc, (i-1)*width): 0, 0, min(10, 8), min(10, 16), ...
    assertThat(cell.longRange()).containsExactly(0, 0, 8, 10, 10, 10, 10, 10);
    // one gather per layer with links, each of t_i indices
    assertThat(links(n).stream().mapToInt(a -> a.length).toArray()).containsExactly(8, 10, 10, 10, 10, 10);
  }

  @Test
  void gathersTakeTheOutputsOfLayersZeroToIMinusTwoOfTheCell() {
    Network n = mlp(5, 7, 6, 3, 2, 11);
    assertWellFormed(n);
    for (Node g : gathers(n)) {
      int layer = Integer.parseInt(g.name().replaceAll("cell0\\.layer(\\d+)\\.gather", "$1"));
      List<String> inputs = g.inputs().stream().map(id -> n.nodes().get(id).name()).toList();
      assertThat(inputs.get(0)).isEqualTo("cell0.layer0.act");
      for (int j = 1; j < layer - 1; j++) {
        assertThat(inputs.get(j)).isEqualTo("cell0.layer" + j + ".dense");
      }
      assertThat(inputs).hasSize(layer - 1);
      assertThat(g.output().channels()).isEqualTo(Math.min(6, (layer - 1) * 5));
    }
  }

  @Test
  void activatesEveryHiddenInputButNotTheClassifiers() {
    Network n = mlp(4, 5, 3, 6, 3, 0);
    List<Node> dense = n.nodes().stream().filter(x -> x.op() instanceof Op.Dense).toList();
    assertThat(dense).hasSize(5);
    // layer 0 reads the input, its output is activated
    assertThat(dense.get(0).inputs()).containsExactly(0);
    Node act0 = n.nodes().get(dense.get(0).id() + 1);
    assertThat(act0.op()).isEqualTo(new Op.Act(Activation.RELU));
    assertThat(dense.get(1).inputs()).containsExactly(act0.id());
    for (int i = 2; i < 4; i++) {
      Node input = n.nodes().get(dense.get(i).inputs().get(0));
      assertThat(input.op()).as("input of layer " + i).isInstanceOf(Op.Act.class);
      assertThat(n.nodes().get(input.inputs().get(0)).op()).isInstanceOf(Op.Concat.class);
    }
    Node classifierInput = n.nodes().get(dense.get(4).inputs().get(0));
    assertThat(classifierInput.op()).isInstanceOf(Op.Concat.class);
    assertThat(dense.get(4).op()).isEqualTo(new Op.Dense(4 + 3, 3, true));
    assertThat(n.nodes().get(n.nodes().size() - 1)).isEqualTo(dense.get(4));
  }

  @Test
  void usesTheChosenActivation() {
    Parameters p =
        TestParameters.of(family, "width", 4, "depth", 4, "tc", 2, "inputs", 2, "classes", 2, "activation", "tanh");
    Network n = family.build(p, new BuildContext(0));
    assertThat(n.nodes().stream().filter(x -> x.op() instanceof Op.Act).map(x -> ((Op.Act) x.op()).function()))
        .isNotEmpty()
        .containsOnly(Activation.TANH);
  }

  @Test
  void theSameSeedGivesTheSameLinksAndOtherSeedsOtherLinks() {
    Network a = mlp(8, 16, 8, 784, 10, 42);
    Network b = mlp(8, 16, 8, 784, 10, 42);
    Network c = mlp(8, 16, 8, 784, 10, 43);
    assertThat(a.nodes()).isEqualTo(b.nodes());
    assertThat(links(a)).usingRecursiveComparison().isEqualTo(links(b));
    assertThat(links(a)).usingRecursiveComparison().isNotEqualTo(links(c));
    assertThat(a.nodes()).isNotEqualTo(c.nodes());
    // the topology statistics do not depend on the seed
    assertThat(a.parameters()).isEqualTo(c.parameters());
    assertThat(denseCells(a).get(0).longRange()).isEqualTo(denseCells(c).get(0).longRange());
  }

  @Test
  void linksAreSpreadOverAllCandidates() {
    // layer 15 of a width-8 cell has 112 candidates and takes 8; over many seeds every candidate appears
    boolean[] seen = new boolean[14 * 8];
    for (long seed = 0; seed < 400; seed++) {
      int[] last = links(mlp(8, 16, 8, 784, 10, seed)).get(13);
      for (int i : last) {
        seen[i] = true;
      }
    }
    for (int i = 0; i < seen.length; i++) {
      assertThat(seen[i]).as("candidate " + i).isTrue();
    }
  }

  @Test
  void withoutLinksItIsAPlainMlp() {
    Network n = mlp(8, 4, 0, 2, 2, 0);
    assertThat(gathers(n)).isEmpty();
    assertThat(n.nodes()).noneMatch(x -> x.op() instanceof Op.Concat);
    assertThat(n.parameters()).isEqualTo((2 * 8 + 8) + 2 * (8 * 8 + 8) + (8 * 2 + 2));
    assertThat(denseCells(n).get(0).longRange()).containsOnly(0);
  }

  @Test
  void declaresTheRanges() {
    Map<String, Long> minimum = Map.of("width", 1L, "depth", 3L, "tc", 0L, "inputs", 1L, "classes", 2L);
    for (var spec : family.parameters()) {
      if (minimum.containsKey(spec.name())) {
        assertThat(spec.type()).isInstanceOf(ParamType.Int.class);
        assertThat(((ParamType.Int) spec.type()).min()).as(spec.name()).isEqualTo(minimum.get(spec.name()));
        assertThat(spec.isRequired()).isTrue();
      }
    }
    assertThat(family.parameters().stream().map(s -> s.name()))
        .containsExactly("width", "depth", "tc", "inputs", "classes", "activation");
  }

  @Test
  void refusesOutOfRangeValues() {
    assertThatThrownBy(() -> mlp(0, 8, 10, 784, 10, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width");
    assertThatThrownBy(() -> mlp(8, 2, 10, 784, 10, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth");
    assertThatThrownBy(() -> mlp(8, 8, -1, 784, 10, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tc");
    assertThatThrownBy(() -> mlp(8, 8, 10, 0, 10, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputs");
    assertThatThrownBy(() -> mlp(8, 8, 10, 784, 1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classes");
    assertThatThrownBy(
            () -> family.build(
                TestParameters.of(family, "width", 8, "depth", 8, "tc", 1, "inputs", 2, "classes", 2, "activation", "swish"),
                new BuildContext(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("activation");
  }
}
