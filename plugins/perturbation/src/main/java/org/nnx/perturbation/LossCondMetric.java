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
 * {@code loss_cond(layer = first | middle | last | all, samples = 16)}: the condition number of the
 * squared-error loss's local quadratic form in one layer's weights at initialization (Riedi,
 * Balestriero, Baraniuk, "Singular value perturbation and deep network optimization", Constructive
 * Approximation 2023: the loss is piecewise quadratic in the parameters).
 *
 * <p><b>Definition.</b> For {@code samples} test inputs chosen from the trial seed and the loss
 * {@code ½ Σ_s ‖f(x_s) − y_s‖²}, the Hessian in the weights {@code W_l} of layer {@code l} (within
 * the samples' activation region) is the Gauss–Newton matrix {@code JᵀJ}, {@code J} the Jacobian of
 * the {@code S·C} outputs with respect to {@code vec(W_l)}. It is computed through its factorization
 * by the data at the layer's input and the product of the later layers' local maps ({@link
 * GaussNewton}): the {@code r = min(S·C, P)} largest ({@code P} the layer's weight count) eigenvalues {@code λ_1 ≥ … ≥ λ_r} of
 * {@code JᵀJ} (for a convolution, {@code J} is taken with respect to its kernel, the tied
 * parameters, and formed explicitly: {@link GaussNewton#tiedSpectrum}). The value is {@code log10(λ_1/λ_r)}: the log10 condition number of {@code JᵀJ} when
 * {@code S·C >=} the layer's weight count, else of {@code JᵀJ} on the row space of {@code J} (the weight directions
 * the samples constrain; {@code JᵀJ} itself then has {@code in_l·out_l − S·C} zero eigenvalues).
 * {@code λ_r} is floored at {@code 1e-12 · λ_1} ({@link Spectra#FLOOR}), so values are in {@code [0,
 * 12]} and 12 means singular.
 *
 * <p><b>Layer rule.</b> Layers are the network's dense layers {@code 0..L−1} (stem first, classifier
 * last); {@code first} is 0, {@code middle} is {@code ⌊(L−1)/2⌋}, {@code last} is {@code L−1}, and
 * {@code all} is the mean of the value over every layer.
 *
 * <p><b>Direction:</b> lower is better conditioned (gradient descent on a quadratic converges at a
 * rate set by {@code λ_1/λ_r}). <b>Units:</b> decades. <b>Cost:</b> per sample one forward pass and
 * one backward sweep, {@code O(C · Σ_l in_l · out_l)}; per layer the kernel, {@code O(S² C² out_l +
 * S² in_l)}, and an SVD of {@code S·C x S·C}, {@code O((S·C)³)}.
 */
public final class LossCondMetric implements Metric {

  /** The metric name, {@code "loss_cond"}. */
  public static final String NAME = "loss_cond";

  /** Creates the metric; it has no state. */
  public LossCondMetric() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "log10 condition number of the squared-error Gauss-Newton matrix in one layer's weights at init"
        + " (lower is better; Riedi et al., Constr. Approx. 2023)";
  }

  /** {@link Requirement#DATA}: inputs from the test split. */
  @Override
  public Set<Requirement> requirements() {
    return Set.of(Requirement.DATA);
  }

  /** {@code layer} (default {@code first}) and {@code samples} (1 to 4096, default 16). */
  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.optional("layer", ParamType.choice("first", "middle", "last", "all"), "first",
            "the layer whose weights the loss is taken in: first, middle, last, or the mean over all"),
        ParameterSpec.optional("samples", ParamType.integer(1, 4096), 16L, "test inputs in the loss"));
  }

  /**
   * Computes {@code loss_cond} in decades, in {@code [0, 12]}.
   *
   * @throws IllegalArgumentException if the network does not fit the layer rule of {@link LocalNetwork}
   *     or the data's examples do not match its input size
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    LocalNetwork net = Trials.network(trial);
    double[][] xs = Trials.samples(trial, options.getInt("samples"), net.inputSize());
    int layers = net.layers().size();
    int[] chosen = switch (options.getString("layer")) {
      case "first" -> new int[] {0};
      case "middle" -> new int[] {(layers - 1) / 2};
      case "last" -> new int[] {layers - 1};
      default -> java.util.stream.IntStream.range(0, layers).toArray();
    };
    double[] values = logConditions(net, xs, chosen);
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return MetricResult.of(NAME, sum / values.length);
  }

  /** {@code log10(λ_1/λ_r)} of the Gauss–Newton matrix of each layer in {@code chosen}, in order. */
  static double[] logConditions(LocalNetwork net, double[][] xs, int[] chosen) {
    int samples = xs.length;
    double[][][] inputs = new double[net.layers().size()][samples][];
    double[][][][] jacobians = new double[net.layers().size()][samples][][];
    for (int s = 0; s < samples; s++) {
      LocalNetwork.Pass pass = net.forward(xs[s]);
      double[][][] g = GaussNewton.preactivationJacobians(net, pass);
      for (int l : chosen) {
        inputs[l][s] = pass.inputs()[l];
        jacobians[l][s] = g[l];
      }
    }
    double[] out = new double[chosen.length];
    for (int i = 0; i < chosen.length; i++) {
      int l = chosen[i];
      LocalNetwork.Layer layer = net.layers().get(l);
      double[] spectrum = layer.tying() == null
          ? GaussNewton.spectrum(GaussNewton.kernel(inputs[l], jacobians[l]), (long) layer.in() * layer.out())
          : GaussNewton.tiedSpectrum(layer.tying(), inputs[l], jacobians[l]);
      out[i] = Spectra.log10Condition(spectrum);
    }
    return out;
  }
}
