package org.nnx.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nnx.param.Parameters;
import org.nnx.plugin.Metric;
import org.nnx.syntax.Location;

/**
 * A metric named after {@code measure}, with its checked options.
 *
 * @param column the measurement's name, which identifies it in the result store and in tasks: its
 *     {@code as NAME}, else the metric's name, or the call as written when it has positional
 *     arguments (e.g. {@code latency(rpi3b)})
 * @param metric the metric
 * @param options checked options
 * @param location where it is written
 * @param label the {@code as NAME} of the entry, if written
 */
public record MetricRequest(String column, Metric metric, Parameters options, Location location,
    Optional<String> label) {

  /** An unnamed measurement. */
  public MetricRequest(String column, Metric metric, Parameters options, Location location) {
    this(column, metric, options, location, Optional.empty());
  }

  /**
   * The results columns of the measurement, in order: the metric's {@link Metric#columns}, each
   * prefixed {@code NAME.} when the entry is named; an unnamed metric with one main column writes it
   * under {@link #column()}.
   */
  public List<String> columns() {
    List<String> out = new ArrayList<>();
    for (String c : metric.columns(options)) {
      out.add(resultColumn(c));
    }
    return out;
  }

  /** The results column of one of the metric's own columns. */
  public String resultColumn(String metricColumn) {
    if (label.isPresent()) {
      return label.get() + "." + metricColumn;
    }
    return metricColumn.equals(metric.name()) ? column : metricColumn;
  }
}
