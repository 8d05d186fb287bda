package org.nnx.perturbation;

/**
 * The gradient of the mean cross-entropy loss {@code L = (1/N) Σ_s −ln softmax(f(x_s))_{y_s}} (as
 * PyTorch's {@code CrossEntropyLoss}) with respect to every layer's weights {@code W_l} ({@code out
 * x in}), by one backward sweep per example: {@code ∂L/∂W_l = (1/N) Σ_s G_{l,s}ᵀ (p_s − e_{y_s})
 * a_{l,s}ᵀ}, {@code G} the Jacobians of {@link GaussNewton#preactivationJacobians}, {@code p_s} the
 * softmax of the logits and {@code a} the layers' inputs.
 */
public final class LossGradients {

  private LossGradients() {}

  /**
   * {@code ∂L/∂W_l} for every layer, {@code [l][out][in]}, with respect to the matrix entries (for a
   * tied layer, fold with {@link #parameterGradient}). {@code N} forward passes and backward sweeps.
   *
   * @param net the network
   * @param xs the {@code N >= 1} inputs, {@code N x inputSize}
   * @param labels their class indices in {@code [0, C)}, {@code N} values
   * @return new arrays, in nats per unit weight
   * @throws IllegalArgumentException if a label is out of range or an input does not have {@link
   *     LocalNetwork#inputSize()} values
   */
  public static double[][][] weightGradients(LocalNetwork net, double[][] xs, int[] labels) {
    int layers = net.layers().size();
    double[][][] grad = new double[layers][][];
    for (int l = 0; l < layers; l++) {
      LocalNetwork.Layer layer = net.layers().get(l);
      grad[l] = new double[layer.out()][layer.in()];
    }
    for (int s = 0; s < xs.length; s++) {
      LocalNetwork.Pass pass = net.forward(xs[s]);
      double[] dLdf = softmax(pass.output());
      if (labels[s] < 0 || labels[s] >= dLdf.length) {
        throw new IllegalArgumentException("label " + labels[s] + " outside 0.." + (dLdf.length - 1));
      }
      dLdf[labels[s]] -= 1;
      double[][][] g = GaussNewton.preactivationJacobians(net, pass);
      for (int l = 0; l < layers; l++) {
        double[] a = pass.inputs()[l];
        for (int i = 0; i < g[l][0].length; i++) {
          double delta = 0;
          for (int c = 0; c < dLdf.length; c++) {
            delta += g[l][c][i] * dLdf[c];
          }
          delta /= xs.length;
          if (delta != 0) {
            double[] row = grad[l][i];
            for (int j = 0; j < a.length; j++) {
              row[j] += delta * a[j];
            }
          }
        }
      }
    }
    return grad;
  }

  /**
   * The gradient with respect to the layer's weight parameters, flattened: {@code entryGradient}
   * itself row-major for a dense layer, folded onto the tied parameters otherwise ({@link
   * LocalNetwork.Tying#foldWeights}).
   *
   * @param layer the layer
   * @param entryGradient a gradient with respect to the layer's matrix entries, {@code out x in}
   * @return a new array: {@code out·in} values for a dense layer, {@code theta.length} for a tied
   *     one, in the units of {@code entryGradient}; biases are not included
   */
  public static double[] parameterGradient(LocalNetwork.Layer layer, double[][] entryGradient) {
    if (layer.tying() != null) {
      return layer.tying().foldWeights(entryGradient);
    }
    double[] g = new double[layer.out() * layer.in()];
    for (int r = 0; r < layer.out(); r++) {
      System.arraycopy(entryGradient[r], 0, g, r * layer.in(), layer.in());
    }
    return g;
  }

  /**
   * The layer's weight parameters in the order of {@link #parameterGradient} (biases excluded).
   *
   * @param layer the layer
   * @return a new array for a dense layer; for a tied layer its {@link LocalNetwork.Tying#theta()}
   *     itself (shared, not copied)
   */
  public static double[] parameters(LocalNetwork.Layer layer) {
    if (layer.tying() != null) {
      return layer.tying().theta();
    }
    return parameterGradient(layer, layer.w());
  }

  /**
   * The softmax of {@code f}, computed stably (the maximum is subtracted before exponentiating).
   *
   * @param f logits, at least one finite value
   * @return new probabilities, each in {@code [0, 1]}, summing to 1
   */
  public static double[] softmax(double[] f) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : f) {
      max = Math.max(max, v);
    }
    double[] p = new double[f.length];
    double sum = 0;
    for (int c = 0; c < f.length; c++) {
      p[c] = Math.exp(f[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < f.length; c++) {
      p[c] /= sum;
    }
    return p;
  }
}
