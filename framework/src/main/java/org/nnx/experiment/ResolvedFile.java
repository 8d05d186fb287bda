package org.nnx.experiment;

import java.util.List;
import org.nnx.codesign.Codesign;
import org.nnx.search.Search;

/**
 * Every runnable block of a checked file.
 *
 * @param experiments the experiments, in file order
 * @param searches the searches, in file order
 * @param codesigns the codesigns, in file order
 */
public record ResolvedFile(List<Experiment> experiments, List<Search> searches, List<Codesign> codesigns) {

  public ResolvedFile {
    experiments = List.copyOf(experiments);
    searches = List.copyOf(searches);
    codesigns = List.copyOf(codesigns);
  }

  /** The number of runnable blocks. */
  public int blocks() {
    return experiments.size() + searches.size() + codesigns.size();
  }
}
