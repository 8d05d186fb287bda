package org.nnx.perturbation;

import java.util.Arrays;
import java.util.List;

/**
 * The Gauss–Newton matrix of the squared-error loss with respect to one layer's weights, through
 * its factorization by the data at the layer's input and the later layers' local maps (Riedi,
 * Balestriero, Baraniuk, "Singular value perturbation and deep network optimization", Constructive
 * Approximation 2023: within one activation region the loss is quadratic in the parameters, with a
 * shape set by the singular values of these factors).
 *
 * <p>For samples {@code x_1..x_S}, loss {@code L = ½ Σ_s ‖f(x_s) − y_s‖²} and a layer {@code l} with
 * weights {@code W} ({@code out x in}) and input {@code a_s}: within the activation region of the
 * samples, {@code f(x_s)} is affine in {@code W}, {@code ∂f(x_s)/∂z = G_s} ({@code C x out}, {@code
 * z = W a_s + b}) is the product of the later layers' local maps with the layer's own slope
 * pattern, and the Jacobian of the {@code S·C} outputs with respect to {@code vec(W)} (column-major)
 * has rows {@code J_s = a_sᵀ ⊗ G_s}. So the Hessian of {@code L} in {@code W} is exactly the
 * Gauss–Newton matrix {@code JᵀJ = Σ_s (a_s a_sᵀ) ⊗ (G_sᵀ G_s)} (size {@code in·out}), whose nonzero
 * eigenvalues are those of the {@code S·C x S·C} kernel {@code K = J Jᵀ} with blocks {@code K_st =
 * (a_sᵀ a_t) · G_s G_tᵀ}: the data Gram matrix at the layer's input times the output Gram matrix of
 * the backward maps. When every {@code G_s} equals one {@code G} (one region), {@code J = Aᵀ ⊗ G}
 * with {@code A = [a_1 … a_S]} and {@code σ(J) = σ(A)·σ(G)}. Targets {@code y_s} do not enter.
 */
public final class GaussNewton {

  private GaussNewton() {}

  /**
   * {@code G_l = ∂f/∂z_l} for every layer {@code l} of one forward pass: {@code C x out_l} each,
   * {@code C} the output size; one backward sweep, {@code O(C · Σ_l in_l · out_l)} operations.
   * Within the pass's activation region the network is affine, so these are exact (the slopes of
   * the pass, not a finite difference).
   *
   * @param net the network
   * @param pass a forward pass of {@code net} ({@link LocalNetwork#forward})
   * @return new arrays {@code [l][c][i]}: logit {@code c} per unit pre-activation {@code i} of layer
   *     {@code l} (logits per pre-activation unit, dimensionless for the network's own units)
   * @throws ArrayIndexOutOfBoundsException if {@code pass} is not a pass of {@code net}
   */
  public static double[][][] preactivationJacobians(LocalNetwork net, LocalNetwork.Pass pass) {
    double[][][] g = new double[net.layers().size()][][];
    backward(net, pass, g);
    return g;
  }

  /**
   * The input Jacobian {@code ∂f/∂x} ({@code C x inputs}) of one forward pass: the product of every
   * layer's local map, by the same backward sweep.
   *
   * @param net the network
   * @param pass a forward pass of {@code net} ({@link LocalNetwork#forward})
   * @return a new {@code C x inputSize} matrix, row {@code c} the gradient of logit {@code c} with
   *     respect to the input (logits per unit of input)
   * @throws ArrayIndexOutOfBoundsException if {@code pass} is not a pass of {@code net}
   */
  public static double[][] inputJacobian(LocalNetwork net, LocalNetwork.Pass pass) {
    return backward(net, pass, new double[net.layers().size()][][]);
  }

  /** Fills {@code g[l] = ∂f/∂z_l} and returns {@code ∂f/∂x}. */
  private static double[][] backward(LocalNetwork net, LocalNetwork.Pass pass, double[][][] g) {
    List<LocalNetwork.Layer> layers = net.layers();
    int c = net.outputSize();
    double[][] m = identity(c); // ∂f/∂(state after layer l)
    for (int l = layers.size() - 1; l >= 0; l--) {
      LocalNetwork.Layer layer = layers.get(l);
      double[] d = pass.slopes()[l];
      double[] e = pass.preSlopes()[l];
      int offset = layer.kind() == LocalNetwork.Kind.DENSE ? layer.stateIn() : 0;
      double[][] gl = new double[c][layer.out()];
      for (int r = 0; r < c; r++) {
        for (int i = 0; i < layer.out(); i++) {
          gl[r][i] = m[r][offset + i] * d[i];
        }
      }
      g[l] = gl;
      double[][] next = new double[c][layer.stateIn()];
      double[] du = new double[layer.in()];
      for (int r = 0; r < c; r++) {
        java.util.Arrays.fill(du, 0);
        for (int i = 0; i < layer.out(); i++) {
          double v = gl[r][i];
          if (v != 0) {
            double[] w = layer.w()[i];
            for (int j = 0; j < layer.in(); j++) {
              du[j] += v * w[j];
            }
          }
        }
        double[] row = next[r];
        for (int j = 0; j < layer.in(); j++) {
          row[layer.source(j)] += du[j] * e[j];
        }
        if (layer.kind() == LocalNetwork.Kind.RESIDUAL) {
          for (int j = 0; j < layer.stateIn(); j++) {
            row[j] += layer.epsilon() * m[r][j];
          }
        } else if (layer.kind() == LocalNetwork.Kind.DENSE) {
          for (int j = 0; j < layer.stateIn(); j++) {
            row[j] += m[r][j];
          }
        }
      }
      m = next;
    }
    return m;
  }

  /**
   * The kernel {@code K = J Jᵀ} ({@code S·C x S·C}, row {@code s·C + c}) from the layer inputs
   * {@code a[s]} and the Jacobians {@code g[s] = G_s} ({@code C x out}).
   */
  static double[][] kernel(double[][] a, double[][][] g) {
    int samples = a.length;
    int c = g[0].length;
    int out = g[0][0].length;
    double[][] k = new double[samples * c][samples * c];
    for (int s = 0; s < samples; s++) {
      for (int t = s; t < samples; t++) {
        double data = dot(a[s], a[t]);
        for (int p = 0; p < c; p++) {
          for (int q = 0; q < c; q++) {
            double v = 0;
            for (int i = 0; i < out; i++) {
              v += g[s][p][i] * g[t][q][i];
            }
            v *= data;
            k[s * c + p][t * c + q] = v;
            k[t * c + q][s * c + p] = v;
          }
        }
      }
    }
    return k;
  }

  /**
   * The nonzero-capable spectrum of the Gauss–Newton matrix {@code JᵀJ}: its {@code r = min(S·C,
   * in·out)} largest eigenvalues, decreasing (the other {@code in·out − r}, if any, are 0 because
   * {@code J} has rank at most {@code S·C}). They are the {@code r} largest eigenvalues of {@code
   * K}, computed as its singular values ({@code K} is positive semi-definite).
   *
   * @param parameters {@code in·out}, the number of weights of the layer
   */
  static double[] spectrum(double[][] kernel, long parameters) {
    double[] s = Spectra.singularValues(kernel);
    int r = (int) Math.min(s.length, parameters);
    return Arrays.copyOf(s, r);
  }

  /**
   * The spectrum of {@code JᵀJ} for a layer with tied weights ({@link LocalNetwork.Tying}, e.g. a
   * convolution), {@code J} with respect to the tied parameters {@code θ} ({@code P} of them): rows
   * {@code J_(s,c),k = Σ_e coeff_e · G_s[c][row_e] · a_s[col_e]} over the entries {@code e} tied to
   * {@code θ_k}, formed explicitly ({@code S·C x P}); its {@code r = min(S·C, P)} squared singular
   * values, decreasing.
   */
  static double[] tiedSpectrum(LocalNetwork.Tying tying, double[][] a, double[][][] g) {
    int samples = a.length;
    int c = g[0].length;
    int parameters = tying.theta().length;
    double[][] j = new double[samples * c][parameters];
    for (int s = 0; s < samples; s++) {
      for (int e = 0; e < tying.row().length; e++) {
        double x = tying.coeff()[e] * a[s][tying.col()[e]];
        if (x != 0) {
          for (int q = 0; q < c; q++) {
            j[s * c + q][tying.param()[e]] += x * g[s][q][tying.row()[e]];
          }
        }
      }
    }
    double[] sigma = Spectra.singularValues(j);
    double[] out = new double[sigma.length];
    for (int k = 0; k < sigma.length; k++) {
      out[k] = sigma[k] * sigma[k];
    }
    return out;
  }

  private static double dot(double[] x, double[] y) {
    double v = 0;
    for (int i = 0; i < x.length; i++) {
      v += x[i] * y[i];
    }
    return v;
  }

  private static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1;
    }
    return m;
  }
}
