package org.nnx.experiment;

import java.util.Optional;
import org.nnx.data.DataLocations;
import org.nnx.data.DatasetProvider;
import org.nnx.param.Parameters;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.Location;

/**
 * The {@code data} entry of an experiment.
 *
 * @param text as written, e.g. {@code synthetic(shape = circle, segments = 10)}
 * @param provider the data set's provider
 * @param options checked options
 * @param location where it is written
 */
public record DataRequest(String text, DatasetProvider provider, Parameters options, Location location) {

  /** The located error loading would end with for want of files, if the provider can tell without loading. */
  public Optional<Diagnostic> missing(DataLocations locations) {
    return provider.missing(options, locations).map(message -> new Diagnostic(location, message, null));
  }
}
