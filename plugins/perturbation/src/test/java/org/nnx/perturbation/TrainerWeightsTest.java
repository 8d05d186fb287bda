package org.nnx.perturbation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnx.architectures.DenseMlpFamily;
import org.nnx.model.InitScheme;
import org.nnx.model.InitialWeights;
import org.nnx.model.NetworkWeights;
import org.nnx.model.TorchDefaultInit;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.plugin.BuildContext;
import org.nnx.param.Parameters;
import org.nnx.model.Seeds;

/**
 * The metrics at initialization measure the network the trainer starts from: {@link LocalNetwork}'s
 * weights equal, value for value, the framework's initial weights of the same trial seed, which are
 * PyTorch's default draw node by node ({@link TorchDefaultInit}).
 */
class TrainerWeightsTest {

  private static final long SEED = 0x1234_5678_9ABCL;

  private static NetworkWeights trainerWeights(Network network) {
    return InitialWeights.draw(network, InitScheme.UNIFORM_FAN_IN, Seeds.derive(SEED, Seeds.WEIGHTS));
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
    NetworkWeights trainer = trainerWeights(network);
    List<Node> dense = network.nodes().stream().filter(n -> n.op() instanceof Op.Dense).toList();
    assertThat(net.layers()).hasSize(dense.size());
    for (int l = 0; l < dense.size(); l++) {
      LocalNetwork.Layer layer = net.layers().get(l);
      int id = dense.get(l).id();
      double[] flat = new double[layer.out() * layer.in()];
      for (int r = 0; r < layer.out(); r++) {
        System.arraycopy(layer.w()[r], 0, flat, r * layer.in(), layer.in());
      }
      assertSame(flat, trainer.get(id, NetworkWeights.WEIGHT).values());
      assertSame(layer.b(), trainer.get(id, NetworkWeights.BIAS).values());
    }
  }

  @Test
  void theInitialWeightsAreTorchDefaultInitNodeByNode() {
    Network network = new MlpFamily().build(TestTrial.mlp(6, 5, "none", "relu", 9, 3, 1), new BuildContext(3));
    NetworkWeights w = trainerWeights(network);
    for (Node n : network.nodes()) {
      if (n.op() instanceof Op.Dense d) {
        java.util.SplittableRandom r = TorchDefaultInit.stream(Seeds.derive(SEED, Seeds.WEIGHTS), n.id());
        assertThat(w.get(n.id(), NetworkWeights.WEIGHT).values()).containsExactly(TorchDefaultInit.uniform(r, d.out() * d.in(), d.in()));
        assertThat(w.get(n.id(), NetworkWeights.BIAS).values()).containsExactly(TorchDefaultInit.uniform(r, d.out(), d.in()));
      }
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
    NetworkWeights trainer = trainerWeights(network);
    List<Node> weighted = network.nodes().stream()
        .filter(n -> n.op() instanceof Op.Conv2d || n.op() instanceof Op.Dense).toList();
    assertThat(net.layers()).hasSize(weighted.size());
    for (int l = 0; l < weighted.size(); l++) {
      LocalNetwork.Tying tying = net.layers().get(l).tying();
      int id = weighted.get(l).id();
      assertSame(tying.theta(), trainer.get(id, NetworkWeights.WEIGHT).values());
      assertSame(tying.beta(), trainer.get(id, NetworkWeights.BIAS).values());
    }
  }
}
