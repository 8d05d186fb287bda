package org.nnx.dl4j;

import java.util.List;
import java.util.Set;
import org.nnx.data.Dataset;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.plugin.Requirement;
import org.nnx.plugin.TrialContext;
import org.nnx.model.InitScheme;
import org.nnx.model.InitialWeights;
import org.nnx.model.NetworkWeights;
import org.nnx.model.Seeds;

/**
 * The metric {@code ldi(samples = 1000, mask_classifier = true)}: layerwise dynamical isometry of
 * the trial's network at initialization ({@link LayerwiseIsometry}), over the first {@code samples}
 * test examples. The initial weights are the ones training starts from: the {@code init} of the
 * experiment's {@code train} block (PyTorch's default when absent) drawn from the trial's seed.
 *
 * <p>Columns: {@code ldi}, the mean singular value of the layers' input-output Jacobians
 * (dimensionless, at least 0; 1 is perfect isometry), and {@code ldi_std}, their standard
 * deviation. Reference, from the authors' code with ReLU, PyTorch's default initialization and the
 * first 1,000 MNIST test images: {@code dense_mlp(width = 8, depth = 8, tc = 10)} 0.363 (standard
 * deviation 0.026 over 5 initializations), {@code tc = 0} 0.313 (0.019).
 */
public final class LdiMetric implements Metric {

  /** The metric's name and main column, {@code "ldi"}. */
  public static final String NAME = "ldi";

  /** The extra column with the standard deviation of the singular values. */
  public static final String STD = "ldi_std";

  /** Creates the metric; it has no state. */
  public LdiMetric() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "layerwise dynamical isometry at initialization (Bhardwaj et al., CVPR 2021): mean singular value"
        + " of the layers' Jacobians over test samples";
  }

  /** Test samples of the experiment's data set. */
  @Override
  public Set<Requirement> requirements() {
    return Set.of(Requirement.DATA);
  }

  /** {@code samples} and {@code mask_classifier}. */
  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.optional("samples", ParamType.integerAtLeast(1), 1000L,
            "test examples the Jacobians are evaluated at (the first ones), at least 1"),
        ParameterSpec.optional("mask_classifier", new ParamType.Bool(), true,
            "multiply the classifier's Jacobian by the activation's derivative at its input, as the authors' code"
                + " does although the classifier's input is not activated (dense_mlp, cells); false uses its weight"
                + " alone"));
  }

  /** {@code ldi_std}. */
  @Override
  public List<String> extraColumns() {
    return List.of(STD);
  }

  /**
   * Computes LDI at the trial's initial weights.
   *
   * @param trial the trial: network, data, train settings ({@code init}) and seed
   * @param options {@code samples} and {@code mask_classifier}
   * @return {@code ldi} and {@code ldi_std}, as {@code Double}s
   * @throws IllegalArgumentException if the network is not an MLP or does not take the data's examples
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    int samples = options.has("samples") ? options.getInt("samples") : 1000;
    boolean mask = !options.has("mask_classifier") || options.getBoolean("mask_classifier");
    Dataset data = trial.data();
    if (data.inputShape().size() != trial.network().input().size()) {
      throw new IllegalArgumentException("the network takes inputs of " + trial.network().input().size()
          + " values but " + data.name() + " has examples of " + data.inputShape());
    }
    Parameters training = trial.training();
    InitScheme init = training.has("init") ? InitScheme.of(training.getString("init")) : InitScheme.UNIFORM_FAN_IN;
    NetworkWeights weights = InitialWeights.draw(trial.network(), init, Seeds.derive(trial.seed(), Seeds.WEIGHTS));
    int count = Math.min(samples, data.test().size());
    LayerwiseIsometry.Result r = LayerwiseIsometry.of(trial.network(), weights, mask).measure(data.test().features(), count);
    return MetricResult.of(NAME, r.mean()).with(STD, r.std());
  }
}
