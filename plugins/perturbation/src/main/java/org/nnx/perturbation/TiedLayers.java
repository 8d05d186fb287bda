package org.nnx.perturbation;

import org.nnx.ir.Activation;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;

/**
 * Layers whose matrix ties its entries to fewer parameters, unrolled to the matrices of {@link
 * LocalNetwork} with their {@link LocalNetwork.Tying}: a 2-d convolution on a {@code c x h x w}
 * input (channel-major, as {@link Op.Flatten}) and a global average pooling followed by a dense
 * layer. Parameters are the network's initial weights ({@link org.nnx.model.InitialWeights}),
 * PyTorch's layout ({@code out, in, ky, kx}).
 */
final class TiedLayers {

  private TiedLayers() {}

  /**
   * A convolution (one group) as a matrix from {@code c_in·h·w} to {@code c_out·h'·w'} values.
   *
   * @throws IllegalArgumentException if the convolution has more than one group
   */
  static LocalNetwork.Layer convolution(LocalNetwork.Kind kind, Activation activation, Op.Conv2d conv,
      TensorShape input, double epsilon, double[] weight, double[] bias) {
    if (conv.groups() != 1) {
      throw new IllegalArgumentException("grouped convolutions are not supported, got groups = " + conv.groups());
    }
    int k = conv.kernel();
    int fanIn = conv.in() * k * k;
    double[] theta = weight;
    double[] beta = conv.bias() ? bias : new double[conv.out()];
    TensorShape output = conv.output(java.util.List.of(input));
    int h = input.height();
    int w = input.width();
    int ho = output.height();
    int wo = output.width();
    int in = Math.toIntExact(input.size());
    int out = Math.toIntExact(output.size());
    double[][] m = new double[out][in];
    double[] b = new double[out];
    int[] biasParam = new int[out];
    int entries = 0;
    int[] row = new int[out * fanIn];
    int[] col = new int[out * fanIn];
    int[] param = new int[out * fanIn];
    for (int o = 0; o < conv.out(); o++) {
      for (int y = 0; y < ho; y++) {
        for (int x = 0; x < wo; x++) {
          int r = (o * ho + y) * wo + x;
          b[r] = beta[o];
          biasParam[r] = o;
          for (int c = 0; c < conv.in(); c++) {
            for (int dy = 0; dy < k; dy++) {
              int yy = y * conv.stride() - conv.padding() + dy;
              if (yy < 0 || yy >= h) {
                continue;
              }
              for (int dx = 0; dx < k; dx++) {
                int xx = x * conv.stride() - conv.padding() + dx;
                if (xx < 0 || xx >= w) {
                  continue;
                }
                int p = ((o * conv.in() + c) * k + dy) * k + dx;
                int j = (c * h + yy) * w + xx;
                m[r][j] = theta[p];
                row[entries] = r;
                col[entries] = j;
                param[entries] = p;
                entries++;
              }
            }
          }
        }
      }
    }
    double[] coeff = new double[entries];
    java.util.Arrays.fill(coeff, 1);
    LocalNetwork.Tying tying = new LocalNetwork.Tying(theta, java.util.Arrays.copyOf(row, entries),
        java.util.Arrays.copyOf(col, entries), java.util.Arrays.copyOf(param, entries), coeff,
        conv.bias() ? beta : new double[0], conv.bias() ? biasParam : null);
    return new LocalNetwork.Layer(kind, activation, in, out, m, b, tying, epsilon);
  }

  /**
   * A global average pooling of a {@code c x h x w} input followed by a dense layer {@code c → out}:
   * the matrix {@code W P} with entries {@code W[r][c] / (h·w)}.
   */
  static LocalNetwork.Layer pooledDense(LocalNetwork.Kind kind, Activation activation, Op.Dense dense,
      TensorShape input, double epsilon, double[] weight, double[] bias) {
    int channels = input.channels();
    int area = input.height() * input.width();
    double[] theta = weight;
    double[] beta = dense.bias() ? bias : new double[dense.out()];
    int in = channels * area;
    double[][] m = new double[dense.out()][in];
    int entries = dense.out() * in;
    int[] row = new int[entries];
    int[] col = new int[entries];
    int[] param = new int[entries];
    double[] coeff = new double[entries];
    int e = 0;
    int[] biasParam = new int[dense.out()];
    for (int r = 0; r < dense.out(); r++) {
      biasParam[r] = r;
      for (int c = 0; c < channels; c++) {
        for (int q = 0; q < area; q++) {
          int j = c * area + q;
          m[r][j] = theta[r * channels + c] / area;
          row[e] = r;
          col[e] = j;
          param[e] = r * channels + c;
          coeff[e] = 1.0 / area;
          e++;
        }
      }
    }
    LocalNetwork.Tying tying = new LocalNetwork.Tying(theta, row, col, param, coeff,
        dense.bias() ? beta : new double[0], dense.bias() ? biasParam : null);
    return new LocalNetwork.Layer(kind, activation, in, dense.out(), m, beta.clone(), tying, epsilon);
  }
}
