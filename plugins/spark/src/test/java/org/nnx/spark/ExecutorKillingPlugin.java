package org.nnx.spark;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.apache.spark.SparkEnv;
import org.nnx.param.Parameters;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;
import org.nnx.plugin.TrialContext;

/**
 * A test-only plugin whose metric {@code kills_its_executor} ends the JVM of the Spark executor that
 * computes it for a dense_mlp deeper than 3, as a crash would, so that every attempt of that trial is
 * lost; anywhere else (the driver, a local run) it is 0.
 */
public final class ExecutorKillingPlugin implements NnxPlugin {

  /** Halts a Spark executor's JVM for depth > 3; returns 0 otherwise. */
  public static final class ExecutorKillingMetric implements Metric {
    @Override
    public String name() {
      return "kills_its_executor";
    }

    @Override
    public String description() {
      return "test only: ends its Spark executor's JVM for depth > 3";
    }

    @Override
    public MetricResult compute(TrialContext trial, Parameters options) {
      SparkEnv env = SparkEnv.get();
      if (env != null && !env.executorId().equals("driver") && trial.parameters().getInt("depth") > 3) {
        Runtime.getRuntime().halt(3);
      }
      return MetricResult.of(name(), 0);
    }
  }

  @Override
  public String name() {
    return "test-executor-killing";
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
        Registrations.metrics(binder()).addBinding().to(ExecutorKillingMetric.class);
      }
    };
  }
}
