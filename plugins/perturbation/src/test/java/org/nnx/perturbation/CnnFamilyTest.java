package org.nnx.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.plugin.BuildContext;
import org.nnx.param.Parameters;

/** The {@code cnn} family and the metrics on its unrolled, tied layers. */
class CnnFamilyTest {

  private static LocalNetwork net(String skip, String activation, long seed) {
    return LocalNetwork.of(new CnnFamily().build(TestTrial.cnn(skip, activation, 4), new BuildContext(seed)), seed);
  }

  private static double[] input(Random random, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextGaussian();
    }
    return x;
  }

  /** Adds {@code delta} to tied weight parameter {@code p} and every matrix entry tied to it. */
  private static void perturb(LocalNetwork.Layer layer, int p, double delta) {
    LocalNetwork.Tying t = layer.tying();
    t.theta()[p] += delta;
    for (int e = 0; e < t.row().length; e++) {
      if (t.param()[e] == p) {
        layer.w()[t.row()[e]][t.col()[e]] += t.coeff()[e] * delta;
      }
    }
  }

  @Test
  void buildsStemHiddenConvolutionsAndAPooledClassifier() {
    Network plain = new CnnFamily().build(TestTrial.cnn("none", "relu", 4), new BuildContext(0));
    assertThat(plain.nodes().stream().map(n -> n.op().getClass().getSimpleName()).toList()).containsExactly(
        "Input", "Conv2d", "Act", "Conv2d", "Act", "Conv2d", "Act", "GlobalAvgPool", "Dense");
    assertThat(plain.nodes().get(2).output()).isEqualTo(new TensorShape(3, 3, 3));
    Network dense = new CnnFamily().build(TestTrial.cnn("dense", "relu", 4), new BuildContext(0));
    assertThat(dense.output().size()).isEqualTo(3);
    assertThat(dense.nodes().get(dense.nodes().size() - 2).output().channels()).isEqualTo(9);
  }

  /** The unrolled stem equals a direct 2x2 stride-2 convolution with the kernel in PyTorch's layout. */
  @Test
  void residualLayersScaleTheirInputByEpsilonUnlessItIsOne() {
    assertThat(new CnnFamily().build(TestTrial.cnn("residual", "relu", 4), new BuildContext(0)).nodes())
        .noneMatch(n -> n.op() instanceof Op.Scale);
    Map<String, Object> p = new LinkedHashMap<>(TestTrial.cnn("residual", "relu", 4).asMap());
    p.put("epsilon", 0.25);
    Network net = new CnnFamily().build(new Parameters(p), new BuildContext(0));
    List<Node> adds = net.nodes().stream().filter(n -> n.op() instanceof Op.Add).toList();
    assertThat(adds).hasSize(2);
    for (Node add : adds) {
      Node act = net.nodes().get(add.inputs().get(0));
      Node scale = net.nodes().get(add.inputs().get(1));
      assertThat(act.op()).isInstanceOf(Op.Act.class);
      assertThat(scale.op()).isEqualTo(new Op.Scale(0.25));
      assertThat(scale.name()).isEqualTo(add.name().replace(".add", ".scale"));
      assertThat(scale.inputs()).containsExactly(net.nodes().get(act.inputs().get(0)).inputs().get(0));
    }
  }

  @Test
  void unrolledConvolutionEqualsTheDirectConvolution() {
    LocalNetwork net = net("none", "abs", 3);
    LocalNetwork.Layer stem = net.layers().get(0);
    double[] x = input(new Random(1), 36);
    double[] z = new double[stem.out()];
    for (int r = 0; r < stem.out(); r++) {
      z[r] = stem.b()[r];
      for (int j = 0; j < stem.in(); j++) {
        z[r] += stem.w()[r][j] * x[j];
      }
    }
    double[] theta = stem.tying().theta();
    for (int o = 0; o < 3; o++) {
      for (int y = 0; y < 3; y++) {
        for (int xx = 0; xx < 3; xx++) {
          double v = stem.tying().beta()[o];
          for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
              v += theta[(o * 2 + dy) * 2 + dx] * x[(2 * y + dy) * 6 + 2 * xx + dx];
            }
          }
          assertThat(z[(o * 3 + y) * 3 + xx]).isCloseTo(v, within(1e-12));
        }
      }
    }
    // PyTorch bound 1/sqrt(c_in * k * k) = 1/2
    assertThat(Arrays.stream(theta).map(Math::abs).max().orElseThrow()).isLessThanOrEqualTo(0.5);
  }

  /** loss_cond of a convolution: J with respect to the kernel, against central differences. */
  @Test
  void tiedGaussNewtonSpectrumMatchesFiniteDifferencesInTheKernel() {
    for (String skip : List.of("none", "residual", "dense")) {
      LocalNetwork net = net(skip, "leaky_relu", 2);
      Random random = new Random(3);
      double[][] xs = {input(random, 36), input(random, 36), input(random, 36)};
      for (int l = 0; l < net.layers().size(); l++) {
        LocalNetwork.Layer layer = net.layers().get(l);
        int params = layer.tying().theta().length;
        double[][] jac = new double[xs.length * 3][params];
        double h = 1e-6;
        for (int p = 0; p < params; p++) {
          for (int s = 0; s < xs.length; s++) {
            perturb(layer, p, h);
            double[] plus = net.forward(xs[s]).output();
            perturb(layer, p, -2 * h);
            double[] minus = net.forward(xs[s]).output();
            perturb(layer, p, h);
            for (int c = 0; c < 3; c++) {
              jac[s * 3 + c][p] = (plus[c] - minus[c]) / (2 * h);
            }
          }
        }
        double[] explicit = Spectra.singularValues(jac);
        double[] squares = Arrays.stream(explicit).map(v -> v * v).toArray();
        double log = LossCondMetric.logConditions(net, xs, new int[] {l})[0];
        assertThat(log).as(skip + " layer " + l).isCloseTo(Spectra.log10Condition(squares), within(1e-4));
      }
    }
  }

}
