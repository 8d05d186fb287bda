package org.nnx.experiment;

import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nnx.block.RunContext;
import org.nnx.data.DataUnavailableException;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.model.TrainingRun;
import org.nnx.param.ParameterText;
import org.nnx.param.Parameters;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.FixedTrialContext;
import org.nnx.plugin.PluginRegistry;
import org.nnx.store.StoreException;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.UserInputException;

/**
 * Measures one metric of one design — a family's configuration with a seed — as a trial of an
 * experiment measures it, through the result store: a stored value is reused, a kept trained model
 * is evaluated without training, and what is new is kept. A codesign measures its chosen design so,
 * so that it is trained once however often the codesign runs.
 */
public final class DesignMeasurement {

  private static final Logger LOG = LogManager.getLogger(DesignMeasurement.class);

  private DesignMeasurement() {}

  /**
   * The measured value.
   *
   * @param value the metric's main value
   * @param reused whether it came from the result store
   */
  public record Measured(double value, boolean reused) {}

  /**
   * Measures {@code metric} of a design with the data and (first trial's) training settings of
   * {@code samples}.
   *
   * @param label how the design is named in the trial context
   * @throws UserInputException if the data set cannot be loaded
   * @throws RuntimeException if the metric fails
   */
  public static Measured measure(RunContext context, Experiment samples, String label, ArchitectureFamily family,
      Parameters parameters, Network network, long seed, MetricRequest metric) throws UserInputException {
    PluginRegistry registry = context.registry();
    Parameters training = samples.trials().isEmpty() ? new Parameters(Map.of()) : samples.trials().get(0).training();
    Trial trial = new Trial(0, label, family, parameters, ParameterText.render(parameters), training, Map.of());
    ResultKeys keys = new ResultKeys(samples.data(), registry);
    String key = keys.metric(trial, seed, metric);
    try {
      if (context.store().isPresent() && !context.fresh()) {
        Optional<Map<String, Object>> stored = context.store().get().lookup(key);
        if (stored.isPresent() && stored.get().get(metric.column()) instanceof Number n) {
          LOG.info("{}: reusing the stored {} of the design", label, metric.column());
          return new Measured(n.doubleValue(), true);
        }
      }
      Optional<TrainingRun> known = context.store().isPresent() && !context.fresh()
          ? context.store().get().lookupModel(keys.training(trial, seed)) : Optional.empty();
      Dataset dataset = samples.data().isPresent() ? load(samples.data().get(), context) : null;
      FixedTrialContext.Builder b = FixedTrialContext.builder(network).experiment(label).architecture(label)
          .family(family.name()).parameters(parameters).seed(seed).training(training).inference(registry.inference());
      if (dataset != null) {
        b.data(dataset);
      }
      registry.trainer().ifPresent(b::trainer);
      known.ifPresent(b::trainingRun);
      try (FixedTrialContext design = b.build()) {
        Object v = metric.metric().compute(design, metric.options()).values().get(metric.metric().name());
        double value = ((Number) v).doubleValue();
        if (context.store().isPresent()) {
          context.store().get().put(key, Map.of(metric.column(), v));
          Optional<TrainingRun> trained = design.trainedHere();
          if (trained.isPresent()) {
            context.store().get().putModel(keys.training(trial, seed), trained.get());
          }
        }
        return new Measured(value, false);
      }
    } catch (StoreException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static Dataset load(DataRequest request, RunContext context) throws UserInputException {
    try {
      return request.provider().load(request.options(), context.data());
    } catch (DataUnavailableException e) {
      throw new UserInputException(new Diagnostic(request.location(), e.getMessage(), null));
    }
  }
}
