package org.nnx.examples;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import java.util.concurrent.atomic.AtomicInteger;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.plugin.NnxPlugin;
import org.nnx.param.Parameters;
import org.nnx.plugin.Registrations;
import org.nnx.plugin.TrialContext;

/**
 * A test-only plugin: {@code count_calls} counts how often it is computed (to see stored results
 * reused), and {@code slow_seed} sleeps {@code millis} and returns a value derived from the seed
 * (for the kill test).
 */
public final class CountingMetricPlugin implements NnxPlugin {

  private static final AtomicInteger CALLS = new AtomicInteger();

  /** How often count_calls has been computed in this JVM. */
  static int calls() {
    return CALLS.get();
  }

  /** Counts its calls; its value is the trial's seed modulo 1000. */
  public static final class CountCalls implements Metric {
    public String name() {
      return "count_calls";
    }

    public String description() {
      return "test only: counts its computations";
    }

    public MetricResult compute(TrialContext trial, Parameters options) {
      CALLS.incrementAndGet();
      return MetricResult.of(name(), trial.seed() % 1000);
    }
  }

  /** Sleeps, then returns a function of the seed. */
  public static final class SlowSeed implements Metric {
    public String name() {
      return "slow_seed";
    }

    public String description() {
      return "test only: sleeps millis, returns a value of the seed";
    }

    public java.util.List<org.nnx.param.ParameterSpec> parameters() {
      return java.util.List.of(org.nnx.param.ParameterSpec.optional("millis",
          org.nnx.param.ParamType.integer(0, 10_000), 50L, "sleep"));
    }

    public MetricResult compute(TrialContext trial, Parameters options) {
      try {
        Thread.sleep(options.getLong("millis"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return MetricResult.of(name(), new java.util.SplittableRandom(trial.seed()).nextDouble());
    }
  }

  /** The Euclidean norm of every trained weight: a metric of the trained model written outside the trainer. */
  public static final class WeightNorm implements Metric {
    public String name() {
      return "weight_norm";
    }

    public String description() {
      return "test only: the L2 norm of the trained weights";
    }

    public java.util.Set<org.nnx.plugin.Requirement> requirements() {
      return java.util.Set.of(org.nnx.plugin.Requirement.TRAINED_MODEL);
    }

    public MetricResult compute(TrialContext trial, Parameters options) {
      org.nnx.model.NetworkWeights w = trial.trainedModel().weights();
      double sum = 0;
      for (int node : w.nodes()) {
        for (org.nnx.model.Tensor t : w.tensors(node).values()) {
          for (float v : t.values()) {
            sum += (double) v * v;
          }
        }
      }
      return MetricResult.of(name(), Math.sqrt(sum));
    }
  }

  @Override
  public String name() {
    return "test-counting";
  }

  @Override
  public String version() {
    return "0";
  }

  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        Registrations.metrics(binder()).addBinding().to(CountCalls.class);
        Registrations.metrics(binder()).addBinding().to(SlowSeed.class);
        Registrations.metrics(binder()).addBinding().to(WeightNorm.class);
      }
    };
  }
}
