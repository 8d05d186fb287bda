package org.nnx.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnx.architectures.DenseMlpFamily;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.plugin.BuildContext;
import org.nnx.param.Parameters;

/**
 * The layer rule of {@link LocalNetwork} on {@code dense_mlp} (the NN-Mass authors' MLP with
 * gathered long-range links): the chain computes the IR's function, its backward sweep is the
 * finite-difference Jacobian, and a layer that keeps its state has the local map {@code [I; B]}.
 */
class GatheredLinksTest {

  private static Network denseMlp(int width, int depth, int tc, String activation, long seed) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("width", (long) width);
    p.put("depth", (long) depth);
    p.put("tc", (long) tc);
    p.put("inputs", 5L);
    p.put("classes", 3L);
    p.put("activation", activation);
    return new DenseMlpFamily().build(new Parameters(p), new BuildContext(seed));
  }

  /** Evaluates the IR node by node, the weights of the k-th dense node from layer k. */
  private static double[] interpret(Network network, LocalNetwork net, double[] x) {
    List<Node> nodes = network.nodes();
    double[][] v = new double[nodes.size()][];
    v[0] = x;
    int layer = 0;
    for (int id = 1; id < nodes.size(); id++) {
      Node n = nodes.get(id);
      Op op = n.op();
      double[] in = v[n.inputs().get(0)];
      if (op instanceof Op.Dense) {
        LocalNetwork.Layer l = net.layers().get(layer++);
        double[] out = l.b().clone();
        for (int r = 0; r < out.length; r++) {
          for (int j = 0; j < in.length; j++) {
            out[r] += l.w()[r][j] * in[j];
          }
        }
        v[id] = out;
      } else if (op instanceof Op.Act a) {
        double[] out = new double[in.length];
        for (int j = 0; j < in.length; j++) {
          out[j] = switch (a.function()) {
            case RELU -> Math.max(0, in[j]);
            case LEAKY_RELU -> in[j] > 0 ? in[j] : LocalNetwork.LEAKY_SLOPE * in[j];
            case ABS -> Math.abs(in[j]);
            default -> in[j];
          };
        }
        v[id] = out;
      } else {
        int total = 0;
        for (int i : n.inputs()) {
          total += v[i].length;
        }
        double[] all = new double[total];
        int at = 0;
        for (int i : n.inputs()) {
          System.arraycopy(v[i], 0, all, at, v[i].length);
          at += v[i].length;
        }
        if (op instanceof Op.Gather g) {
          double[] out = new double[g.indices().length];
          for (int j = 0; j < out.length; j++) {
            out[j] = all[g.indices()[j]];
          }
          v[id] = out;
        } else {
          v[id] = all;
        }
      }
    }
    assertThat(layer).isEqualTo(net.layers().size());
    return v[nodes.size() - 1];
  }

  private static double[] gaussian(Random random, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextGaussian();
    }
    return x;
  }

  @Test
  void theChainComputesTheNetworkOfTheIr() {
    Random random = new Random(3);
    for (int tc : new int[] {0, 2, 5, 100}) {
      for (String activation : List.of("relu", "leaky_relu", "abs")) {
        Network network = denseMlp(4, 6, tc, activation, 11 + tc);
        LocalNetwork net = LocalNetwork.of(network, 5);
        for (int s = 0; s < 3; s++) {
          double[] x = gaussian(random, 5);
          double[] expected = interpret(network, net, x);
          double[] actual = net.forward(x).output();
          for (int c = 0; c < expected.length; c++) {
            assertThat(actual[c]).as("tc %d %s", tc, activation).isCloseTo(expected[c], within(1e-12));
          }
        }
      }
    }
  }

  @Test
  void layersWithLongRangeLinksKeepTheirState() {
    // tc = 0: the activation of a layer's input is the activation of the previous layer's output;
    // the authors leave the classifier's input (layer 4's output) unactivated
    LocalNetwork plain = LocalNetwork.of(denseMlp(4, 6, 0, "relu", 1), 1);
    assertThat(plain.layers()).extracting(LocalNetwork.Layer::kind).containsExactly(
        LocalNetwork.Kind.PLAIN, LocalNetwork.Kind.PLAIN, LocalNetwork.Kind.PLAIN, LocalNetwork.Kind.PLAIN,
        LocalNetwork.Kind.LINEAR, LocalNetwork.Kind.LINEAR);
    LocalNetwork linked = LocalNetwork.of(denseMlp(4, 6, 3, "relu", 1), 1);
    assertThat(linked.layers()).extracting(LocalNetwork.Layer::kind).containsExactly(
        LocalNetwork.Kind.PLAIN, LocalNetwork.Kind.DENSE, LocalNetwork.Kind.DENSE, LocalNetwork.Kind.DENSE,
        LocalNetwork.Kind.DENSE, LocalNetwork.Kind.LINEAR);
    // layer i >= 2 reads out_{i-1} and 3 gathered units of out_0..out_{i-2}, activated
    LocalNetwork.Layer third = linked.layers().get(3);
    assertThat(third.in()).isEqualTo(4 + 3);
    assertThat(third.stateIn()).isEqualTo(3 * 4);
    assertThat(third.pre()).isEqualTo(org.nnx.ir.Activation.RELU);
    for (int j = 0; j < 4; j++) {
      assertThat(third.source(j)).isEqualTo(8 + j);
    }
    for (int j = 4; j < 7; j++) {
      assertThat(third.source(j)).isBetween(0, 7);
    }
  }

  @Test
  void inputJacobianMatchesFiniteDifferences() {
    Random random = new Random(8);
    for (int tc : new int[] {0, 3, 100}) {
      LocalNetwork net = LocalNetwork.of(denseMlp(5, 5, tc, "leaky_relu", 2), 9);
      double[] x = gaussian(random, 5);
      double[][] jacobian = GaussNewton.inputJacobian(net, net.forward(x));
      double h = 1e-6;
      for (int f = 0; f < x.length; f++) {
        double[] plus = x.clone();
        double[] minus = x.clone();
        plus[f] += h;
        minus[f] -= h;
        double[] up = net.forward(plus).output();
        double[] down = net.forward(minus).output();
        for (int c = 0; c < up.length; c++) {
          assertThat(jacobian[c][f]).isCloseTo((up[c] - down[c]) / (2 * h), within(1e-6));
        }
      }
    }
  }

  @Test
  void aLayerThatKeepsItsStateHasTheStackedMap() {
    LocalNetwork net = LocalNetwork.of(denseMlp(4, 6, 3, "relu", 4), 2);
    LocalNetwork.Pass pass = net.forward(gaussian(new Random(1), 5));
    for (int l = 1; l < 5; l++) {
      double[] viaB = LayerCondMetric.localSingularValues(net, l, pass);
      double[] explicit = Spectra.singularValues(net.localMap(l, pass));
      assertThat(viaB).hasSize(explicit.length);
      for (int k = 0; k < explicit.length; k++) {
        assertThat(viaB[k]).isCloseTo(explicit[k], within(1e-9));
      }
      if (net.layers().get(l).stateIn() > net.layers().get(l).out()) {
        assertThat(viaB[viaB.length - 1]).isCloseTo(1.0, within(1e-9));
      }
    }
  }
}
