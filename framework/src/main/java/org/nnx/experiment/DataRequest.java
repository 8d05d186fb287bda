package org.nnx.experiment;

import org.nnx.data.DatasetProvider;
import org.nnx.param.Parameters;
import org.nnx.syntax.Location;

/**
 * The {@code data} entry of an experiment.
 *
 * @param text as written, e.g. {@code synthetic(shape = circle, segments = 10)}
 * @param provider the data set's provider
 * @param options checked options
 * @param location where it is written
 */
public record DataRequest(String text, DatasetProvider provider, Parameters options, Location location) {}
