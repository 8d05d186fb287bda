package org.nnx.perturbation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnx.architectures.DenseMlpFamily;
import org.nnx.dl4j.InitScheme;
import org.nnx.dl4j.InitialWeights;
import org.nnx.dl4j.WeightInitializer;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.Parameters;
import org.nnx.plugin.Seeds;

/**
 * The metrics at initialization measure the network the trainer starts from: {@link LocalNetwork}'s
 * weights equal, value for value, the dl4j trainer's default initial weights of the same trial seed.
 */
class TrainerWeightsTest {

  private static final long SEED = 0x1234_5678_9ABCL;

  private static InitialWeights trainerWeights(Network network) {
    return WeightInitializer.initialize(network, InitScheme.UNIFORM_FAN_IN, Seeds.derive(SEED, Seeds.WEIGHTS));
  }

  private static void assertSame(double[] metric, float[] trainer) {
    assertThat(metric).hasSize(trainer.length);
    for (int i = 0; i < trainer.length; i++) {
      assertThat(metric[i]).isEqualTo((double) trainer[i]);
    }
  }

  /** The dense nodes' weights, row-major, and biases, in layer order. */
  private static void assertDenseLayersMatch(Network network) {
    LocalNetwork net = LocalNetwork.of(network, SEED);
    InitialWeights trainer = trainerWeights(network);
    List<Node> dense = network.nodes().stream().filter(n -> n.op() instanceof Op.Dense).toList();
    assertThat(net.layers()).hasSize(dense.size());
    for (int l = 0; l < dense.size(); l++) {
      LocalNetwork.Layer layer = net.layers().get(l);
      InitialWeights.Layer expected = trainer.of(dense.get(l).id());
      double[] flat = new double[layer.out() * layer.in()];
      for (int r = 0; r < layer.out(); r++) {
        System.arraycopy(layer.w()[r], 0, flat, r * layer.in(), layer.in());
      }
      assertSame(flat, expected.weight());
      assertSame(layer.b(), expected.bias());
    }
  }

  @Test
  void mlpsOfEveryKind() {
    for (String skip : List.of("none", "residual", "dense")) {
      assertDenseLayersMatch(new MlpFamily().build(TestTrial.mlp(6, 5, skip, "relu", 9, 3, 0.5), new BuildContext(3)));
    }
  }

  @Test
  void denseMlpWithGatheredLinks() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("width", 5L);
    p.put("depth", 6L);
    p.put("tc", 4L);
    p.put("inputs", 7L);
    p.put("classes", 3L);
    p.put("activation", "relu");
    assertDenseLayersMatch(new DenseMlpFamily().build(new Parameters(p), new BuildContext(9)));
  }

  @Test
  void convolutionKernelsAndThePooledClassifier() {
    Network network = new CnnFamily().build(TestTrial.cnn("residual", "relu", 4), new BuildContext(2));
    LocalNetwork net = LocalNetwork.of(network, SEED);
    InitialWeights trainer = trainerWeights(network);
    List<Node> weighted = network.nodes().stream()
        .filter(n -> n.op() instanceof Op.Conv2d || n.op() instanceof Op.Dense).toList();
    assertThat(net.layers()).hasSize(weighted.size());
    for (int l = 0; l < weighted.size(); l++) {
      LocalNetwork.Tying tying = net.layers().get(l).tying();
      InitialWeights.Layer expected = trainer.of(weighted.get(l).id());
      assertSame(tying.theta(), expected.weight());
      assertSame(tying.beta(), expected.bias());
    }
  }
}
