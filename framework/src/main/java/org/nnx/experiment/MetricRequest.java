package org.nnx.experiment;

import org.nnx.plugin.Metric;
import org.nnx.param.Parameters;
import org.nnx.syntax.Location;

/**
 * A metric named after {@code measure}, with its checked options.
 *
 * @param column the name of its main results column: the metric's name, or the call as written
 *     when it has positional arguments (e.g. {@code latency(rpi3b)})
 * @param metric the metric
 * @param options checked options
 * @param location where it is written
 */
public record MetricRequest(String column, Metric metric, Parameters options, Location location) {}
