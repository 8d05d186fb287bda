package org.nnx.hardware.models;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.nnx.hardware.Cost;
import org.nnx.hardware.target.HardwareTarget;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.plugin.TrialContext;

/**
 * The metrics {@code latency(T)}, {@code energy(T)} and {@code area(T)}: one inference of one
 * example of the trial's network on the hardware target {@code T} (a {@code hardware T { ... }}
 * block of the same file), as the target's cost model estimates it ({@link CpuModel}, {@link
 * CrossbarModel}). Values are {@code Double}s in SI units: seconds, joules, square metres. The
 * column is named as written, e.g. {@code latency(rpi3b)}.
 */
public final class CostMetric implements Metric {

  /** Which part of the {@link Cost} a metric reports. */
  public enum Quantity {
    /** {@link Cost#latency()}, seconds. */
    LATENCY("latency", "seconds", Cost::latency),
    /** {@link Cost#energy()}, joules. */
    ENERGY("energy", "joules", Cost::energy),
    /** {@link Cost#area()}, square metres. */
    AREA("area", "square metres", Cost::area);

    private final String metric;
    private final String unit;
    private final ToDoubleFunction<Cost> read;

    Quantity(String metric, String unit, ToDoubleFunction<Cost> read) {
      this.metric = metric;
      this.unit = unit;
      this.read = read;
    }

    /** The metric's name, e.g. {@code latency}. */
    public String metric() {
      return metric;
    }
  }

  /** The option naming the hardware block. */
  public static final String TARGET = "target";

  private final Quantity quantity;

  /** The metric reporting {@code quantity}. */
  public CostMetric(Quantity quantity) {
    this.quantity = quantity;
  }

  /** {@code latency}, {@code energy} or {@code area}. */
  @Override
  public String name() {
    return quantity.metric;
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return quantity.metric + " of one inference of one example on a hardware target, in " + quantity.unit
        + "; write " + quantity.metric + "(NAME) with NAME a hardware block";
  }

  /** One required option, {@code target}: the name of a {@code hardware} block. */
  @Override
  public List<ParameterSpec> parameters() {
    return List.of(ParameterSpec.required(TARGET, new ParamType.Reference("hardware"), "the hardware block"));
  }

  /**
   * Estimates the cost of {@code trial.network()} on the target.
   *
   * @return the quantity as a {@code Double}: seconds, joules or square metres
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    HardwareTarget target = (HardwareTarget) options.get(TARGET);
    return MetricResult.of(quantity.metric, quantity.read.applyAsDouble(target.costModel().estimate(trial.network())));
  }
}
