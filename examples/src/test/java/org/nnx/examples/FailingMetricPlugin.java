package org.nnx.examples;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.plugin.NnxPlugin;
import org.nnx.param.Parameters;
import org.nnx.plugin.Registrations;
import org.nnx.plugin.TrialContext;

/**
 * A test-only plugin whose metric {@code test_failure} fails on every dense_mlp deeper than 4, so
 * the tests can check how runs report metric failures.
 */
public final class FailingMetricPlugin implements NnxPlugin {

  /** Returns 0 for depth 4 and throws otherwise. */
  public static final class FailingMetric implements Metric {
    @Override
    public String name() {
      return "test_failure";
    }

    @Override
    public String description() {
      return "test only: fails for depth > 4";
    }

    @Override
    public MetricResult compute(TrialContext trial, Parameters options) {
      if (trial.parameters().getInt("depth") > 4) {
        throw new IllegalStateException("deliberate failure");
      }
      return MetricResult.of(name(), 0);
    }
  }

  @Override
  public String name() {
    return "test-failure";
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
        Registrations.metrics(binder()).addBinding().to(FailingMetric.class);
      }
    };
  }
}
