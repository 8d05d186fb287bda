package org.nnx.perturbation;

import java.util.List;
import java.util.Set;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.plugin.Requirement;
import org.nnx.plugin.TrialContext;

/**
 * {@code layer_cond(samples = 16)}: the condition numbers of the layers' local linear maps at
 * initialization (Riedi, Balestriero, Baraniuk, "Singular value perturbation and deep network
 * optimization", Constructive Approximation 2023).
 *
 * <p><b>Definition.</b> At an input {@code x}, layer {@code l} with weights {@code W_l} and
 * activation slopes {@code D_l = diag(σ'(W_l a_l + b_l))} acts, within its activation region, as
 * the linear map {@code M_l}: {@code D_l W_l} (plain), {@code D_l W_l + ε I} (residual), the stacked
 * {@code [I; D_l W_l]} (DenseNet-type), or {@code W_l} (the linear classifier); layers whose input
 * is a selection of earlier values through an activation ({@code dense_mlp}'s gathered long-range
 * links) have {@code B = D W D_pre P} in place of {@code D W} (the layer rule of {@link
 * LocalNetwork}). Its condition number
 * is {@code κ_l(x) = σ_max(M_l)/σ_min(M_l)} over the {@code min(rows, columns)} singular values. The
 * metric is the mean of {@code log10 κ_l(x)} over every dense layer (stem and classifier included)
 * and {@code samples} test inputs chosen from the trial seed; the extra column {@code
 * layer_cond_max} is the largest {@code log10 κ_l(x)}. Weights are PyTorch's default initialization
 * drawn from the trial seed ({@link LocalNetwork}); {@code ε} is the network's residual scale.
 *
 * <p><b>σ_min = 0</b> (e.g. a ReLU unit that is off for the input zeroes a row of {@code D W}) is
 * floored at {@code 1e-12 · σ_max} ({@link Spectra#FLOOR}), so each {@code log10 κ} is in {@code [0,
 * 12]} and 12 stands for a singular map. Plain ReLU layers with {@code width <= in} are singular
 * whenever a unit is off, so plain ReLU MLPs typically read close to 12.
 *
 * <p><b>Direction:</b> lower is better conditioned (0: an isometry up to scale). <b>Units:</b>
 * decades (log10 of a ratio). <b>Cost:</b> one forward pass and one SVD per layer and sample,
 * {@code O(samples · Σ_l in_l · out_l · min(in_l, out_l))}; for a DenseNet-type layer the singular
 * values of {@code [I; B]} are {@code sqrt(1 + σ_k(B)²)} (and 1 for the other {@code in − out}), so
 * only {@code B = D W} is decomposed.
 */
public final class LayerCondMetric implements Metric {

  /** The metric name, {@code "layer_cond"}. */
  public static final String NAME = "layer_cond";

  /** The extra column, {@code "layer_cond_max"}. */
  public static final String MAX = "layer_cond_max";

  /** Creates the metric; it has no state. */
  public LayerCondMetric() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "mean log10 condition number of the layers' local linear maps D·W, D·W + εI, [I; D·W] at init"
        + " (lower is better; Riedi et al., Constr. Approx. 2023)";
  }

  /** {@link Requirement#DATA}: inputs from the test split. */
  @Override
  public Set<Requirement> requirements() {
    return Set.of(Requirement.DATA);
  }

  /** {@code samples}: test inputs, 1 to 100000, default 16. */
  @Override
  public List<ParameterSpec> parameters() {
    return List.of(ParameterSpec.optional(
        "samples", ParamType.integer(1, 100_000), 16L, "test inputs at which the local maps are taken"));
  }

  @Override
  public List<String> extraColumns() {
    return List.of(MAX);
  }

  /**
   * Computes {@code layer_cond} and {@code layer_cond_max}, both in decades, in {@code [0, 12]}.
   *
   * @throws IllegalArgumentException if the network does not fit the layer rule of {@link LocalNetwork}
   *     or the data's examples do not match its input size
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    LocalNetwork net = Trials.network(trial);
    double[][] xs = Trials.samples(trial, options.getInt("samples"), net.inputSize());
    double[] logs = layerLogConditions(net, xs);
    double sum = 0;
    double max = 0;
    for (double v : logs) {
      sum += v;
      max = Math.max(max, v);
    }
    return MetricResult.of(NAME, sum / logs.length).with(MAX, max);
  }

  /**
   * {@code log10 κ_l(x)} for every sample {@code x} of {@code xs} and layer {@code l}, sample-major.
   */
  static double[] layerLogConditions(LocalNetwork net, double[][] xs) {
    int layers = net.layers().size();
    double[] out = new double[xs.length * layers];
    for (int s = 0; s < xs.length; s++) {
      LocalNetwork.Pass pass = net.forward(xs[s]);
      for (int l = 0; l < layers; l++) {
        out[s * layers + l] = Spectra.log10Condition(localSingularValues(net, l, pass));
      }
    }
    return out;
  }

  /** The singular values of layer {@code l}'s local map in {@code pass}, decreasing. */
  static double[] localSingularValues(LocalNetwork net, int l, LocalNetwork.Pass pass) {
    LocalNetwork.Layer layer = net.layers().get(l);
    if (layer.kind() == LocalNetwork.Kind.DENSE) {
      return Spectra.stackedIdentity(Spectra.singularValues(net.slopedWeights(l, pass)), layer.stateIn());
    }
    return Spectra.singularValues(net.localMap(l, pass));
  }
}
