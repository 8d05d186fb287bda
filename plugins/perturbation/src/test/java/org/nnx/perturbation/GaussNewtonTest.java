package org.nnx.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnx.plugin.BuildContext;

/** The factorized Gauss–Newton spectrum against an explicit Jacobian by central differences. */
class GaussNewtonTest {

  /** J: rows s·C + c, columns j·out + i (vec(W) column-major), by central differences in W[i][j]. */
  private static double[][] explicitJacobian(LocalNetwork net, double[][] xs, int l) {
    LocalNetwork.Layer layer = net.layers().get(l);
    int c = net.outputSize();
    double[][] jac = new double[xs.length * c][layer.in() * layer.out()];
    double h = 1e-6;
    for (int i = 0; i < layer.out(); i++) {
      for (int j = 0; j < layer.in(); j++) {
        double w = layer.w()[i][j];
        for (int s = 0; s < xs.length; s++) {
          layer.w()[i][j] = w + h;
          double[] plus = net.forward(xs[s]).output();
          layer.w()[i][j] = w - h;
          double[] minus = net.forward(xs[s]).output();
          for (int r = 0; r < c; r++) {
            jac[s * c + r][j * layer.out() + i] = (plus[r] - minus[r]) / (2 * h);
          }
        }
        layer.w()[i][j] = w;
      }
    }
    return jac;
  }

  private static double[][] inputs(Random random, int samples, int features) {
    double[][] xs = new double[samples][features];
    for (double[] x : xs) {
      for (int f = 0; f < features; f++) {
        x[f] = random.nextGaussian();
      }
    }
    return xs;
  }

  private static void check(String skip, String activation, int samples, long seed) {
    LocalNetwork net = LocalNetwork.of(
        new MlpFamily().build(TestTrial.mlp(4, 4, skip, activation, 3, 3, 0.7), new BuildContext(seed)), seed);
    double[][] xs = inputs(new Random(seed), samples, 3);
    for (int l = 0; l < net.layers().size(); l++) {
      LocalNetwork.Layer layer = net.layers().get(l);
      double[] explicit = Spectra.singularValues(explicitJacobian(net, xs, l));
      double[][] a = new double[samples][];
      double[][][] g = new double[samples][][];
      for (int s = 0; s < samples; s++) {
        LocalNetwork.Pass pass = net.forward(xs[s]);
        a[s] = pass.inputs()[l];
        g[s] = GaussNewton.preactivationJacobians(net, pass)[l];
      }
      double[] factorized = GaussNewton.spectrum(GaussNewton.kernel(a, g), (long) layer.in() * layer.out());
      assertThat(factorized).hasSize(explicit.length);
      for (int k = 0; k < explicit.length; k++) {
        assertThat(factorized[k]).as("%s %s layer %d eigenvalue %d", skip, activation, l, k)
            .isCloseTo(explicit[k] * explicit[k], within(1e-6 * factorized[0]));
      }
      double log = LossCondMetric.logConditions(net, xs, new int[] {l})[0];
      assertThat(log).isCloseTo(Spectra.log10Condition(squares(explicit)), within(1e-4));
    }
  }

  private static double[] squares(double[] s) {
    double[] out = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = s[i] * s[i];
    }
    return out;
  }

  /** Two samples, 3 outputs: J has 6 rows, fewer than the weights of every layer (rank-deficient JᵀJ). */
  @Test
  void factorizationMatchesAnExplicitJacobianWithFewSamples() {
    for (String skip : List.of("none", "residual", "dense")) {
      for (String activation : List.of("relu", "leaky_relu", "abs")) {
        check(skip, activation, 2, 11);
      }
    }
  }

  /** Nine samples, 27 rows: more than the weights of a layer, so JᵀJ is the full quadratic form. */
  @Test
  void factorizationMatchesAnExplicitJacobianWithManySamples() {
    for (String skip : List.of("none", "residual", "dense")) {
      for (String activation : List.of("relu", "leaky_relu", "abs")) {
        check(skip, activation, 9, 12);
      }
    }
  }
}
