package org.nnx.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;

/**
 * The reference interpreter: op semantics against hand-computed values and equivalent layers, and
 * its input gradient against central finite differences of its own forward pass.
 */
class InterpreterTest {

  private static double[] run(Network n, double... x) {
    return new Interpreter(n, InitialWeights.draw(n, 1)).forward(x)[n.nodes().size() - 1].clone();
  }

  private static Network single(TensorShape input, Op op) {
    NetworkBuilder b = new NetworkBuilder("t", input);
    b.add("op", op, 0);
    return b.build();
  }

  @Test
  void aOneByOneConvolutionEqualsTheDenseLayerWithTheSameWeights() {
    // node 1 of both draws 4 x 3 weights then 3 biases with fan-in 4, in the same layout
    double[] x = {0.5, -1, 2, 0.25};
    double[] dense = run(single(TensorShape.vector(4), new Op.Dense(4, 3, true)), x);
    double[] conv = run(single(new TensorShape(4, 1, 1), new Op.Conv2d(4, 3, 1, 1, 0, 1, true)), x);
    assertThat(conv).containsExactly(dense, within(1e-12));
  }

  @Test
  void aConvolutionAtOnePositionEqualsADenseLayerOverThePatch() {
    double[] x = new double[18];
    for (int i = 0; i < 18; i++) {
      x[i] = (i % 5) - 2;
    }
    double[] conv = run(single(new TensorShape(2, 3, 3), new Op.Conv2d(2, 4, 3, 1, 0, 1, false)), x);
    double[] dense = run(single(TensorShape.vector(18), new Op.Dense(18, 4, false)), x);
    assertThat(conv).containsExactly(dense, within(1e-12));
  }

  @Test
  void aConvolutionWithPaddingStrideAndGroupsMatchesAPlainLoop() {
    Op.Conv2d c = new Op.Conv2d(4, 6, 3, 2, 1, 2, true);
    Network n = single(new TensorShape(4, 5, 5), c);
    NetworkWeights w = InitialWeights.draw(n, 3);
    double[] x = new double[100];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.cos(i);
    }
    double[] y = new Interpreter(n, w).forward(x)[1];
    float[] k = w.get(1, NetworkWeights.WEIGHT).values();
    float[] b = w.get(1, NetworkWeights.BIAS).values();
    int out = 3;
    for (int o = 0; o < 6; o++) {
      int g = o / 3;
      for (int oy = 0; oy < out; oy++) {
        for (int ox = 0; ox < out; ox++) {
          double sum = b[o];
          for (int ic = 0; ic < 2; ic++) {
            for (int ky = 0; ky < 3; ky++) {
              for (int kx = 0; kx < 3; kx++) {
                int iy = oy * 2 - 1 + ky;
                int ix = ox * 2 - 1 + kx;
                if (iy >= 0 && iy < 5 && ix >= 0 && ix < 5) {
                  sum += k[((o * 2 + ic) * 3 + ky) * 3 + kx] * x[((g * 2 + ic) * 5 + iy) * 5 + ix];
                }
              }
            }
          }
          assertThat(y[(o * out + oy) * out + ox]).isCloseTo(sum, within(1e-12));
        }
      }
    }
  }

  @Test
  void dataMovementOpsAreExact() {
    NetworkBuilder b = new NetworkBuilder("t", new TensorShape(2, 2, 2));
    int relu = b.add("relu", new Op.Act(Activation.RELU), 0);
    int max = b.add("max", new Op.Pool(true, 2, 2, 0), 0);
    int avg = b.add("avg", new Op.Pool(false, 2, 2, 0), 0);
    int gap = b.add("gap", new Op.GlobalAvgPool(), relu);
    int sum = b.add("sum", new Op.Add(), max, avg);
    int flat = b.add("flat", new Op.Flatten(), sum);
    int cat = b.add("cat", new Op.Concat(), flat, gap);
    b.add("gather", new Op.Gather(new int[] {3, 0, 2}), cat);
    double[] y = run(b.build(), 1, -2, 3, 4, -1, -1, 5, 0);
    // channel 0 = [1, -2, 3, 4]: max 4, mean 1.5, relu mean 2; channel 1 = [-1, -1, 5, 0]: max 5, mean 0.75, relu mean 1.25
    // sum = [5.5, 5.75]; cat = [5.5, 5.75, 2, 1.25]; gather 3, 0, 2
    assertThat(y).containsExactly(1.25, 5.5, 2);
  }

  @Test
  void aScaleMultipliesEveryValueByItsFactor() {
    NetworkBuilder b = new NetworkBuilder("t", TensorShape.vector(3));
    int scale = b.add("scale", new Op.Scale(0.5), 0);
    b.add("sum", new Op.Add(), 0, scale);
    assertThat(run(b.build(), 2, -4, 1)).containsExactly(3, -6, 1.5);
  }

  @Test
  void batchNormalizationUsesItsRunningStatistics() {
    Network n = single(new TensorShape(2, 1, 2), new Op.BatchNorm(2));
    NetworkWeights w = NetworkWeights.builder()
        .put(1, NetworkWeights.WEIGHT, new int[] {2}, new float[] {2, 0.5f})
        .put(1, NetworkWeights.BIAS, new int[] {2}, new float[] {1, -1})
        .put(1, NetworkWeights.RUNNING_MEAN, new int[] {2}, new float[] {1, 0})
        .put(1, NetworkWeights.RUNNING_VAR, new int[] {2}, new float[] {4, 1}).build();
    double[] y = new Interpreter(n, w).forward(new double[] {3, 5, 2, -2})[1];
    double s0 = 2 / Math.sqrt(4 + 1e-5);
    double s1 = 0.5 / Math.sqrt(1 + 1e-5);
    assertThat(y).containsExactly(new double[] {(3 - 1) * s0 + 1, (5 - 1) * s0 + 1, 2 * s1 - 1, -2 * s1 - 1},
        within(1e-12));
  }

  @Test
  void theInputGradientEqualsFiniteDifferencesThroughEveryOp() {
    NetworkBuilder b = new NetworkBuilder("t", new TensorShape(2, 6, 6));
    int conv = b.add("conv", new Op.Conv2d(2, 4, 3, 1, 1, 2, true), 0);
    int bn = b.add("bn", new Op.BatchNorm(4), conv);
    int act = b.add("tanh", new Op.Act(Activation.TANH), bn);
    int scaled = b.add("scale", new Op.Scale(0.7), act);
    int add = b.add("add", new Op.Add(), act, scaled);
    int avg = b.add("avg", new Op.Pool(false, 3, 2, 1), add);
    int max = b.add("max", new Op.Pool(true, 2, 2, 0), add);
    int gather = b.add("gather", new Op.Gather(new int[] {1, 6, 3}), avg, max);
    int cat = b.add("cat", new Op.Concat(), gather, avg);
    int gap = b.add("gap", new Op.GlobalAvgPool(), cat);
    int sig = b.add("sigmoid", new Op.Act(Activation.SIGMOID), gap);
    b.add("fc", new Op.Dense(7, 3, true), sig);
    Network n = b.build();
    NetworkWeights init = InitialWeights.draw(n, 11);
    // batch norm with non-trivial statistics
    SplittableRandom r = new SplittableRandom(5);
    NetworkWeights.Builder w = NetworkWeights.builder().putAll(init);
    for (String t : new String[] {NetworkWeights.WEIGHT, NetworkWeights.BIAS, NetworkWeights.RUNNING_MEAN}) {
      float[] v = new float[4];
      for (int i = 0; i < 4; i++) {
        v[i] = (float) (r.nextDouble() - 0.5);
      }
      w.put(bn, t, new int[] {4}, v);
    }
    w.put(bn, NetworkWeights.RUNNING_VAR, new int[] {4}, new float[] {0.5f, 2, 1, 3});
    Interpreter interpreter = new Interpreter(n, w.build());
    double[] x = new double[72];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() * 2 - 1;
    }
    double[] g = {0.3, -1.2, 0.8};
    interpreter.forward(x);
    double[] grad = interpreter.inputGradient(g).clone();
    double h = 1e-6;
    for (int i = 0; i < x.length; i++) {
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[i] += h;
      minus[i] -= h;
      double fp = dot(g, interpreter.forward(plus)[n.nodes().size() - 1]);
      double fm = dot(g, interpreter.forward(minus)[n.nodes().size() - 1]);
      assertThat(grad[i]).as("d/dx" + i).isCloseTo((fp - fm) / (2 * h), within(1e-7));
    }
  }

  @Test
  void weightsThatDoNotFitAreRefusedNamingTheTensor() {
    Network n = single(TensorShape.vector(4), new Op.Dense(4, 3, true));
    NetworkWeights bad = NetworkWeights.builder().put(1, NetworkWeights.WEIGHT, new int[] {4, 3}, new float[12]).build();
    assertThatThrownBy(() -> new Interpreter(n, bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("op.weight: shape [4, 3], expected [3, 4]").hasMessageContaining("op.bias: missing");
    Interpreter ok = new Interpreter(n, InitialWeights.draw(n, 1));
    assertThatThrownBy(() -> ok.forward(new double[3])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSameSeedGivesTheSameOutputAndAnotherSeedAnother() {
    Network n = single(TensorShape.vector(5), new Op.Dense(5, 2, true));
    double[] x = {1, 2, 3, 4, 5};
    double[] a = new Interpreter(n, InitialWeights.draw(n, 5)).forward(x)[1].clone();
    double[] b = new Interpreter(n, InitialWeights.draw(n, 5)).forward(x)[1].clone();
    double[] c = new Interpreter(n, InitialWeights.draw(n, 6)).forward(x)[1].clone();
    assertThat(a).containsExactly(b);
    assertThat(a).isNotEqualTo(c);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
