package org.nnx.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnx.architectures.DenseCnnFamily;
import org.nnx.architectures.DenseMlpFamily;
import org.nnx.data.Dataset;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.model.InitialWeights;
import org.nnx.model.NetworkWeights;

class LayerwiseIsometryTest {

  private static Network mlp(int width, int depth, int tc, int inputs, Activation a, long seed) {
    return GraphCompilerTest.build(new DenseMlpFamily(), seed, "width", width, "depth", depth, "tc", tc,
        "inputs", inputs, "classes", 10, "activation", a.keyword());
  }

  /**
   * The map whose Jacobian a layer's rule claims to be, computed from the initial weights
   * independently of {@link LayerwiseIsometry#jacobian}: {@code z -> W pre(z) + b}, {@code x ->
   * post(W x + b)} or {@code x -> W x + b}.
   */
  private static double[] localMap(Network net, NetworkWeights weights, LayerwiseIsometry.Layer layer, double[] in) {
    Op.Dense d = (Op.Dense) net.nodes().get(layer.node()).op();
    float[] weight = weights.get(layer.node(), NetworkWeights.WEIGHT).values();
    float[] bias = weights.get(layer.node(), NetworkWeights.BIAS).values();
    double[] out = new double[d.out()];
    for (int o = 0; o < d.out(); o++) {
      double sum = bias[o];
      for (int i = 0; i < d.in(); i++) {
        double x = layer.pre() == null ? in[i] : layer.pre().apply(in[i]);
        sum += weight[o * d.in() + i] * x;
      }
      out[o] = layer.post() == null ? sum : layer.post().apply(sum);
    }
    return out;
  }

  /** Whether {@code v} lies within the finite-difference step's reach of a kink of {@code a}. */
  private static boolean nearKink(Activation a, double v) {
    return switch (a) {
      case RELU, LEAKY_RELU, ABS -> Math.abs(v) < 1e-4;
      case RELU6 -> Math.abs(v) < 1e-4 || Math.abs(v - 6) < 1e-4;
      default -> false;
    };
  }

  @Test
  void jacobiansMatchCentralFiniteDifferencesForEveryActivation() {
    Random r = new Random(5);
    for (Activation a : Activation.values()) {
      assertJacobiansMatchFiniteDifferences(mlp(6, 6, 5, 9, a, 3), a, r);
    }
  }

  @Test
  void jacobiansOfResidualAndDenseMlpsMatchCentralFiniteDifferences() {
    Random r = new Random(6);
    for (Activation a : List.of(Activation.RELU, Activation.TANH, Activation.LEAKY_RELU)) {
      assertJacobiansMatchFiniteDifferences(MlpNetworks.build(MlpNetworks.Skip.RESIDUAL, 0.5, 6, 5, 9, 4, a), a, r);
      assertJacobiansMatchFiniteDifferences(MlpNetworks.build(MlpNetworks.Skip.DENSE, 1.0, 6, 5, 9, 4, a), a, r);
    }
  }

  /**
   * Checks every layer's {@link LayerwiseIsometry#jacobian} of {@code net} (9 inputs) against
   * central finite differences of {@link #localMap}, at 3 random examples, with and without the
   * classifier mask.
   */
  private static void assertJacobiansMatchFiniteDifferences(Network net, Activation a, Random r) {
    NetworkWeights w = InitialWeights.draw(net, 17);
    for (boolean mask : new boolean[] {true, false}) {
      LayerwiseIsometry ldi = LayerwiseIsometry.of(net, w, mask);
      float[] x = new float[9 * 3];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (r.nextGaussian() * 2);
      }
      for (int e = 0; e < 3; e++) {
        double[][] values = ldi.forward(x, e);
        for (LayerwiseIsometry.Layer layer : ldi.layers()) {
          double[][] j = ldi.jacobian(layer, values);
          int source = layer.pre() != null ? layer.preSource() : net.nodes().get(layer.node()).inputs().get(0);
          double[] at = values[source];
          double h = 1e-6;
          double[] y = values[layer.node()];
          for (int i = 0; i < at.length; i++) {
            if (layer.pre() != null && nearKink(layer.pre(), at[i])) {
              continue; // relu-type kinks (e.g. units gathered after relu are exactly 0)
            }
            double[] plus = at.clone();
            double[] minus = at.clone();
            plus[i] += h;
            minus[i] -= h;
            double[] fp = localMap(net, w, layer, plus);
            double[] fm = localMap(net, w, layer, minus);
            for (int o = 0; o < fp.length; o++) {
              if (layer.post() != null && nearKink(layer.post(), y[o])) {
                continue;
              }
              assertThat(j[o][i]).as(net.family() + " " + a + " layer " + layer.node() + " d" + o + "/d" + i)
                  .isCloseTo((fp[o] - fm[o]) / (2 * h), within(1e-6));
            }
          }
        }
      }
    }
  }

  @Test
  void followsTheAuthorsLayerRules() {
    Network net = mlp(4, 5, 3, 7, Activation.RELU, 1);
    NetworkWeights w = InitialWeights.draw(net, 2);
    List<LayerwiseIsometry.Layer> layers = LayerwiseIsometry.of(net, w, true).layers();
    assertThat(layers).hasSize(5);
    // layer 0: diag(relu'(W0 x + b0)) W0
    assertThat(layers.get(0).post()).isEqualTo(Activation.RELU);
    assertThat(layers.get(0).pre()).isNull();
    // layer 1: W1 alone (its input was activated by layer 0)
    assertThat(layers.get(1).pre()).isNull();
    assertThat(layers.get(1).post()).isNull();
    // layers 2, 3: W diag(relu'(z)), z the concatenated input
    for (int i = 2; i < 4; i++) {
      assertThat(layers.get(i).pre()).isEqualTo(Activation.RELU);
      assertThat(layers.get(i).post()).isNull();
      Node z = net.nodes().get(layers.get(i).preSource());
      assertThat(z.op()).isInstanceOf(Op.Concat.class);
    }
    // the classifier: masked as in the authors' code, or its weight alone
    assertThat(layers.get(4).pre()).isEqualTo(Activation.RELU);
    assertThat(LayerwiseIsometry.of(net, w, false).layers().get(4).pre()).isNull();
  }

  @Test
  void aPlainMlpFollowsTheRulesOfDenseMlpWithoutLinks() {
    Network net = MlpNetworks.build(MlpNetworks.Skip.NONE, 1.0, 4, 5, 7, 10, Activation.RELU);
    NetworkWeights w = InitialWeights.draw(net, 2);
    for (boolean mask : new boolean[] {true, false}) {
      List<LayerwiseIsometry.Layer> layers = LayerwiseIsometry.of(net, w, mask).layers();
      assertThat(layers).hasSize(5);
      // layer 0: diag(relu'(W0 x + b0)) W0; layer 1: W1; layers 2, 3 and the classifier: W diag(relu'(z))
      assertThat(layers.get(0).post()).isEqualTo(Activation.RELU);
      assertThat(layers.get(0).pre()).isNull();
      assertThat(layers.get(1).pre()).isNull();
      assertThat(layers.get(1).post()).isNull();
      for (int i = 2; i < 5; i++) {
        assertThat(layers.get(i).pre()).isEqualTo(Activation.RELU);
        assertThat(layers.get(i).post()).isNull();
        assertThat(net.nodes().get(layers.get(i).preSource()).op()).isInstanceOf(Op.Dense.class);
      }
    }
  }

  @Test
  void residualAndDenseMlpLayersOwnTheirOutputActivation() {
    for (MlpNetworks.Skip skip : List.of(MlpNetworks.Skip.RESIDUAL, MlpNetworks.Skip.DENSE)) {
      Network net = MlpNetworks.build(skip, 0.5, 4, 5, 7, 10, Activation.RELU);
      NetworkWeights w = InitialWeights.draw(net, 2);
      List<LayerwiseIsometry.Layer> layers = LayerwiseIsometry.of(net, w, false).layers();
      assertThat(layers).hasSize(5);
      // layers 0..3: diag(relu'(W x + b)) W, each owning the one activation after it; the classifier: W
      for (int i = 0; i < 4; i++) {
        assertThat(layers.get(i).post()).as(skip + " layer " + i).isEqualTo(Activation.RELU);
        assertThat(layers.get(i).pre()).as(skip + " layer " + i).isNull();
      }
      assertThat(layers.get(4).post()).isNull();
      assertThat(layers.get(4).pre()).isNull();
      long activations = net.nodes().stream().filter(n -> n.op() instanceof Op.Act).count();
      assertThat(layers.stream().filter(l -> l.post() != null || l.pre() != null).count()).isEqualTo(activations);
      // the authors' mask does not apply: the classifier's (added or concatenated) input is made of
      // activations already counted, and masking it would count the last one twice
      LayerwiseIsometry.Layer classifier = LayerwiseIsometry.of(net, w, true).layers().get(4);
      assertThat(classifier.pre()).isNull();
    }
  }

  @Test
  void aResidualLayersJacobianIsTheActivationsDerivativeTimesItsWeight() {
    Network net = MlpNetworks.build(MlpNetworks.Skip.RESIDUAL, 0.25, 5, 5, 7, 10, Activation.RELU);
    NetworkWeights w = InitialWeights.draw(net, 4);
    LayerwiseIsometry ldi = LayerwiseIsometry.of(net, w, false);
    float[] x = new float[7];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.cos(3 * i);
    }
    double[][] values = ldi.forward(x, 0);
    LayerwiseIsometry.Layer layer = ldi.layers().get(2);
    Node dense = net.nodes().get(layer.node());
    assertThat(dense.name()).isEqualTo("layer2.dense");
    // the layer's input h_2 = relu(z_1) + 0.25 h_1, by hand from the node values
    Node add = net.nodes().get(dense.inputs().get(0));
    Node scale = net.nodes().get(add.inputs().get(1));
    double[] act = values[add.inputs().get(0)];
    double[] h1 = values[scale.inputs().get(0)];
    double[] h2 = new double[5];
    for (int i = 0; i < 5; i++) {
      h2[i] = act[i] + 0.25 * h1[i];
    }
    assertThat(values[add.id()]).containsExactly(h2, within(1e-12));
    // J = D W with D = diag(relu'(W h_2 + b))
    float[] pw = w.get(layer.node(), NetworkWeights.WEIGHT).values();
    float[] pb = w.get(layer.node(), NetworkWeights.BIAS).values();
    double[][] j = ldi.jacobian(layer, values);
    int active = 0;
    for (int o = 0; o < 5; o++) {
      double z = pb[o];
      for (int i = 0; i < 5; i++) {
        z += pw[o * 5 + i] * h2[i];
      }
      double d = z > 0 ? 1 : 0;
      active += (int) d;
      for (int i = 0; i < 5; i++) {
        assertThat(j[o][i]).isCloseTo(d * pw[o * 5 + i], within(1e-12));
      }
    }
    assertThat(active).as("a mask with zeros and ones").isBetween(1, 4);
  }

  @Test
  void measuresResidualAndDenseMlps() {
    float[] x = new float[7 * 4];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i);
    }
    for (MlpNetworks.Skip skip : List.of(MlpNetworks.Skip.RESIDUAL, MlpNetworks.Skip.DENSE)) {
      Network net = MlpNetworks.build(skip, 0.5, 4, 5, 7, 10, Activation.TANH);
      NetworkWeights w = InitialWeights.draw(net, 2);
      LayerwiseIsometry.Result r = LayerwiseIsometry.of(net, w, false).measure(x, 4);
      // per example: layer 0 min(4, 7), layers 1-3 4, classifier min(10, 4) or min(10, 16)
      int classifier = skip == MlpNetworks.Skip.RESIDUAL ? 4 : 10;
      assertThat(r.singularValues()).as(skip.toString()).isEqualTo(4L * (4 + 3 * 4 + classifier));
      assertThat(r.mean()).isPositive();
    }
  }

  @Test
  void poolsMinOfOutAndInSingularValuesPerLayerAndExample() {
    Network net = mlp(4, 5, 3, 7, Activation.TANH, 1);
    NetworkWeights w = InitialWeights.draw(net, 2);
    float[] x = new float[7 * 4];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i);
    }
    LayerwiseIsometry.Result r = LayerwiseIsometry.of(net, w, true).measure(x, 4);
    // per example: layer 0 min(4, 7), layer 1 4, layers 2-3 4, classifier min(10, 4 + 3)
    assertThat(r.singularValues()).isEqualTo(4L * (4 + 4 + 4 + 4 + 7));
    assertThat(r.mean()).isPositive();
    assertThat(r.std()).isPositive();
  }

  @Test
  void singularValuesOfADiagonalJacobianAreItsAbsoluteEntries() {
    // a 1-layer "network": x -> W x with W diagonal gives singular values |W_ii| (layer 0, no activation)
    org.nnx.ir.NetworkBuilder b = new org.nnx.ir.NetworkBuilder("test", org.nnx.ir.TensorShape.vector(3));
    b.add("fc", new Op.Dense(3, 3, true), 0);
    Network net = b.build();
    NetworkWeights w = NetworkWeights.builder()
        .put(1, NetworkWeights.WEIGHT, new int[] {3, 3}, new float[] {2, 0, 0, 0, -0.5f, 0, 0, 0, 1})
        .put(1, NetworkWeights.BIAS, new int[] {3}, new float[] {0, 0, 0}).build();
    LayerwiseIsometry.Result r = LayerwiseIsometry.of(net, w, false).measure(new float[] {1, 2, 3}, 1);
    assertThat(r.mean()).isCloseTo((2 + 0.5 + 1) / 3.0, within(1e-12));
    double m = 3.5 / 3;
    double var = ((2 - m) * (2 - m) + (0.5 - m) * (0.5 - m) + (1 - m) * (1 - m)) / 2;
    assertThat(r.std()).isCloseTo(Math.sqrt(var), within(1e-12));
  }

  @Test
  void singularValuesAgreeWithAFullSvd() {
    Random r = new Random(9);
    int[][] shapes = {{8, 784}, {10, 18}, {12, 5}, {6, 6}};
    for (int[] shape : shapes) {
      double[][] j = new double[shape[0]][shape[1]];
      for (double[] row : j) {
        for (int i = 0; i < row.length; i++) {
          row[i] = r.nextGaussian() * (r.nextInt(3) == 0 ? 0 : 1); // some zero columns: rank-deficient
        }
      }
      java.util.Arrays.fill(j[1], 0); // and a zero row
      double[] svd = new org.apache.commons.math3.linear.SingularValueDecomposition(
          new org.apache.commons.math3.linear.Array2DRowRealMatrix(j)).getSingularValues();
      double[] ours = LayerwiseIsometry.singularValues(j);
      java.util.Arrays.sort(svd);
      java.util.Arrays.sort(ours);
      assertThat(ours).hasSize(Math.min(shape[0], shape[1]));
      for (int i = 0; i < ours.length; i++) {
        assertThat(ours[i]).isCloseTo(svd[i], within(1e-6));
      }
    }
  }

  @Test
  void refusesNetworksThatAreNotMlps() {
    Network cnn = GraphCompilerTest.build(new DenseCnnFamily(), 0, "cells", 1, "cell_depth", 3, "width_multiplier", 1,
        "tc", 2, "inputs", List.of(1, 4, 4));
    NetworkWeights w = InitialWeights.draw(cnn, 0);
    assertThatThrownBy(() -> LayerwiseIsometry.of(cnn, w, true)).hasMessageContaining("ldi is defined for MLPs");
  }

  /** Mean LDI over {@code seeds} initializations on the first 1,000 MNIST test images. */
  private static double meanLdi(Dataset mnist, int tc, int seeds) {
    double sum = 0;
    for (int s = 0; s < seeds; s++) {
      Network net = mlp(8, 8, tc, 784, Activation.RELU, 100 + s);
      NetworkWeights w = InitialWeights.draw(net, 200 + s);
      sum += LayerwiseIsometry.of(net, w, true).measure(mnist.test().features(), 1000).mean();
    }
    return sum / seeds;
  }

  @Test
  void reproducesTheAuthorsValuesOnMnist() {
    Dataset mnist = TestData.mnist();
    // authors: 0.363 (sd 0.026 over 5 initializations) and 0.313 (sd 0.019); our mean over 10
    // initializations and theirs over 5 differ by chance with a standard deviation of about 0.014
    double tc10 = meanLdi(mnist, 10, 10);
    double tc0 = meanLdi(mnist, 0, 10);
    assertThat(tc10).isCloseTo(0.363, within(0.045));
    assertThat(tc0).isCloseTo(0.313, within(0.045));
    assertThat(tc10).isGreaterThan(tc0);
  }

  /**
   * A Gram matrix of a 64-unit DenseNet-type layer at an MNIST input (from {@code
   * examples/proxies-mnist.nnx}) on which Commons Math's symmetric eigensolver gives up: the
   * eigenvalues still come out, with the trace and the Frobenius norm of the matrix.
   */
  @Test
  void eigenvaluesOfAGramMatrixTheEigensolverGivesUpOn() throws java.io.IOException {
    List<String> lines;
    try (java.io.InputStream in = getClass().getResourceAsStream("gram-eigensolver-fails.txt")) {
      lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).lines().toList();
    }
    double[][] g = new double[lines.size()][];
    for (int r = 0; r < g.length; r++) {
      g[r] = java.util.Arrays.stream(lines.get(r).split(" ")).mapToDouble(Double::parseDouble).toArray();
    }
    assertThatThrownBy(() -> new org.apache.commons.math3.linear.EigenDecomposition(
        new org.apache.commons.math3.linear.Array2DRowRealMatrix(g)))
        .isInstanceOf(org.apache.commons.math3.exception.MaxCountExceededException.class);
    double[] eigen = LayerwiseIsometry.gramEigenvalues(g);
    double trace = 0;
    double frobenius = 0;
    for (int r = 0; r < g.length; r++) {
      trace += g[r][r];
      for (double v : g[r]) {
        frobenius += v * v;
      }
    }
    double sum = 0;
    double squares = 0;
    for (double v : eigen) {
      sum += v;
      squares += v * v;
    }
    assertThat(eigen).hasSize(g.length);
    assertThat(sum).isCloseTo(trace, within(1e-9 * trace));
    assertThat(squares).isCloseTo(frobenius, within(1e-9 * frobenius));
  }
}
