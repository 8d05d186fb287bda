package org.nnx.proxies;

import java.util.List;
import org.nnx.perturbation.LocalNetwork;
import org.nnx.perturbation.Trials;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.param.Parameters;
import org.nnx.plugin.Requirement;
import org.nnx.plugin.TrialContext;

/**
 * {@code synflow}: the SynFlow saliency (Tanaka, Kunin, Yamins, Ganguli, "Pruning neural networks
 * without any data by iteratively conserving synaptic flow", NeurIPS 2020) summed over the network,
 * as a zero-cost proxy (Abdelfattah, Mehrotra, Dudziak, Lane, "Zero-Cost Proxies for Lightweight
 * NAS", ICLR 2021), reported as its log10.
 *
 * <p><b>Definition.</b> Every weight and bias is replaced by its absolute value (the authors'
 * linearization) and an all-ones input is fed forward; all pre-activations are then positive, so
 * each activation is the identity and the network is linear. With {@code R = Σ_c f_c(1)}, the score
 * is {@code S = Σ_l Σ_ij |W_l,ij| · ∂R/∂|W_l,ij|} over the dense layers' weights (biases excluded, as
 * the authors), and the value is {@code log10 S}. Forward and backward vectors are renormalized layer
 * by layer with their log scales carried separately, so deep networks whose {@code S} exceeds the
 * double range still give a finite value, never infinity or NaN. Residual links keep their {@code
 * ε}; the data set is not used.
 *
 * <p><b>Direction:</b> higher is better. <b>Units:</b> decades (log10). <b>Cost:</b> one forward and
 * one backward pass, {@code O(Σ_l in_l · out_l)}. Networks: those of {@link LocalNetwork}.
 */
public final class SynflowMetric implements Metric {

  /** The metric name, {@code "synflow"}. */
  public static final String NAME = "synflow";

  /** Creates the metric; it has no state. */
  public SynflowMetric() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "log10 of the SynFlow saliency sum of the |weights| network on an all-ones input at init"
        + " (higher is better; Tanaka et al., NeurIPS 2020)";
  }

  /** Data-free: only the architecture (weights come from the trial seed). */
  @Override
  public java.util.Set<Requirement> requirements() {
    return java.util.Set.of(Requirement.ARCHITECTURE);
  }

  /**
   * Computes {@code log10 S}.
   *
   * @throws IllegalArgumentException if the network does not fit the layer rule of {@link LocalNetwork}
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    return MetricResult.of(NAME, log10Score(Trials.network(trial)));
  }

  /** {@code log10 S} of {@code net} (see the class comment). */
  static double log10Score(LocalNetwork net) {
    List<LocalNetwork.Layer> layers = net.layers();
    int n = layers.size();
    // forward: h_true = h * 10^hScale, renormalized to max 1 after each layer
    double[][] inputs = new double[n][];
    double[] inputScale = new double[n];
    double[] h = new double[net.inputSize()];
    java.util.Arrays.fill(h, 1);
    double scale = 0;
    for (int l = 0; l < n; l++) {
      LocalNetwork.Layer layer = layers.get(l);
      inputScale[l] = scale;
      double biasFactor = Math.pow(10, -scale);
      double[] u = new double[layer.in()];
      for (int j = 0; j < layer.in(); j++) {
        u[j] = h[layer.source(j)]; // non-negative: every activation passes it unchanged
      }
      inputs[l] = u;
      double[] y = new double[layer.out()];
      for (int r = 0; r < layer.out(); r++) {
        double z = Math.abs(layer.b()[r]) * biasFactor;
        double[] w = layer.w()[r];
        for (int j = 0; j < layer.in(); j++) {
          z += Math.abs(w[j]) * u[j];
        }
        y[r] = z;
      }
      double[] out = switch (layer.kind()) {
        case PLAIN, LINEAR -> y;
        case RESIDUAL -> {
          for (int r = 0; r < y.length; r++) {
            y[r] += layer.epsilon() * h[r];
          }
          yield y;
        }
        case DENSE -> {
          double[] c = new double[layer.stateIn() + layer.out()];
          System.arraycopy(h, 0, c, 0, layer.stateIn());
          System.arraycopy(y, 0, c, layer.stateIn(), layer.out());
          yield c;
        }
      };
      double max = max(out);
      if (max > 0) {
        for (int i = 0; i < out.length; i++) {
          out[i] /= max;
        }
        scale += Math.log10(max);
      }
      h = out;
    }
    // backward: m_true = m * 10^mScale is ∂R/∂(output of layer l)
    double[] m = new double[net.outputSize()];
    java.util.Arrays.fill(m, 1);
    double mScale = 0;
    double[] terms = new double[n];
    for (int l = n - 1; l >= 0; l--) {
      LocalNetwork.Layer layer = layers.get(l);
      int offset = layer.kind() == LocalNetwork.Kind.DENSE ? layer.stateIn() : 0;
      double term = 0;
      double[] next = new double[layer.stateIn()];
      for (int i = 0; i < layer.out(); i++) {
        double u = m[offset + i];
        double[] w = layer.w()[i];
        for (int j = 0; j < layer.in(); j++) {
          double aw = Math.abs(w[j]);
          term += aw * u * inputs[l][j];
          next[layer.source(j)] += u * aw;
        }
      }
      terms[l] = term > 0 ? Math.log10(term) + mScale + inputScale[l] : Double.NEGATIVE_INFINITY;
      if (layer.kind() == LocalNetwork.Kind.RESIDUAL) {
        for (int j = 0; j < layer.stateIn(); j++) {
          next[j] += layer.epsilon() * m[j];
        }
      } else if (layer.kind() == LocalNetwork.Kind.DENSE) {
        for (int j = 0; j < layer.stateIn(); j++) {
          next[j] += m[j];
        }
      }
      double max = max(next);
      if (max > 0) {
        for (int j = 0; j < next.length; j++) {
          next[j] /= max;
        }
        mScale += Math.log10(max);
      }
      m = next;
    }
    double top = Double.NEGATIVE_INFINITY;
    for (double t : terms) {
      top = Math.max(top, t);
    }
    if (top == Double.NEGATIVE_INFINITY) {
      throw new IllegalStateException("synflow: every weight is zero");
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.pow(10, t - top);
    }
    return top + Math.log10(sum);
  }

  private static double max(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }
}
