package org.nnx.dl4j;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import org.nnx.plugin.Metric;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/**
 * The {@code dl4j} plugin: trains the architectures of an experiment with Deeplearning4j. It
 * registers the trainer's {@code train { }} settings ({@link Dl4jTrainingSettings}), the metrics
 * {@code test_accuracy}, {@code test_loss}, {@code train_loss}, {@code train_time_s} ({@link
 * TrainingMetric}, one training run per trial) and {@code ldi} ({@link LdiMetric}). Found by {@link
 * java.util.ServiceLoader} through {@code META-INF/services/org.nnx.plugin.NnxPlugin}.
 */
public final class Dl4jPlugin implements NnxPlugin {

  /**
   * Creates the plugin; {@link java.util.ServiceLoader} needs this public no-argument constructor.
   * Sets JavaCPP's system properties ({@link NativeRuntime#prepare()}) while ND4J is not loaded yet.
   */
  public Dl4jPlugin() {
    NativeRuntime.prepare();
  }

  /** Returns {@code "dl4j"}. */
  @Override
  public String name() {
    return "dl4j";
  }

  /** The version of this build of nnx. */
  @Override
  public String version() {
    return org.nnx.Version.NNX;
  }

  /** Binds the training settings and the five metrics. */
  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        Registrations.trainer(binder()).setBinding().to(Dl4jTrainer.class);
        Registrations.inference(binder()).addBinding().to(Dl4jInference.class);
        Multibinder<Metric> metrics = Registrations.metrics(binder());
        for (TrainingMetric m : new TrainingMetric[] {TrainingMetric.testAccuracy(), TrainingMetric.testLoss(),
            TrainingMetric.trainLoss(), TrainingMetric.trainTime()}) {
          metrics.addBinding().toInstance(m);
        }
        metrics.addBinding().to(LdiMetric.class);
      }
    };
  }
}
