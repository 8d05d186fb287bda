package org.nnx.experiment;

import java.util.List;
import org.nnx.search.Search;

/**
 * Every runnable block of a checked file.
 *
 * @param experiments the experiments, in file order
 * @param searches the searches, in file order
 */
public record ResolvedFile(List<Experiment> experiments, List<Search> searches) {

  public ResolvedFile {
    experiments = List.copyOf(experiments);
    searches = List.copyOf(searches);
  }
}
