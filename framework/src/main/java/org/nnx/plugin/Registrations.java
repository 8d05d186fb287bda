package org.nnx.plugin;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import org.nnx.data.DatasetProvider;
import org.nnx.execute.TrialExecutorFactory;
import org.nnx.hardware.HardwareModel;
import org.nnx.model.InferenceEngine;
import org.nnx.optimize.Optimizer;

/**
 * The extension points of nnx. Each method returns the set binder a plugin module adds its
 * components to, e.g. {@code Registrations.metrics(binder()).addBinding().to(NnMassMetric.class)}.
 * A component's name is said once, by the component itself ({@code name()}, or {@code kind()} for
 * hardware models): the {@link PluginRegistry} indexes components by it, and two components of one
 * kind with the same name are an error that names both plugins.
 */
public final class Registrations {

  private Registrations() {}

  /** Metrics, named by the name used after {@code measure}. */
  public static Multibinder<Metric> metrics(Binder binder) {
    return Multibinder.newSetBinder(binder, Metric.class);
  }

  /** Architecture families, named by the name used in {@code architectures { label: NAME(...) }}. */
  public static Multibinder<ArchitectureFamily> families(Binder binder) {
    return Multibinder.newSetBinder(binder, ArchitectureFamily.class);
  }

  /** Data sets, named by the name used after {@code data}. */
  public static Multibinder<DatasetProvider> datasets(Binder binder) {
    return Multibinder.newSetBinder(binder, DatasetProvider.class);
  }

  /** The trainer; a trainer plugin calls {@code setBinding()} on it. */
  public static OptionalBinder<Trainer> trainer(Binder binder) {
    return OptionalBinder.newOptionalBinder(binder, Trainer.class);
  }

  /** Settings of the {@code train} block beside the trainer's, named by their key, e.g. {@code ablation}. */
  public static Multibinder<TrainingInput> trainingInputs(Binder binder) {
    return Multibinder.newSetBinder(binder, TrainingInput.class);
  }

  /** Optimizers, named by the name users write, e.g. {@code shgo}. */
  public static Multibinder<Optimizer> optimizers(Binder binder) {
    return Multibinder.newSetBinder(binder, Optimizer.class);
  }

  /** Hardware models, named by the kind users write in {@code hardware NAME { kind = KIND, ... }}. */
  public static Multibinder<HardwareModel> hardware(Binder binder) {
    return Multibinder.newSetBinder(binder, HardwareModel.class);
  }

  /**
   * Inference engines: faster ways than the reference interpreter to classify with a trained model.
   * The framework uses the first registered one, in plugin load order.
   */
  public static Multibinder<InferenceEngine> inference(Binder binder) {
    return Multibinder.newSetBinder(binder, InferenceEngine.class);
  }

  /**
   * Trial executors, named by the name used after {@code nnx run --executor}, e.g. {@code spark}; the
   * framework registers {@code local}.
   */
  public static Multibinder<TrialExecutorFactory> executors(Binder binder) {
    return Multibinder.newSetBinder(binder, TrialExecutorFactory.class);
  }
}
