package org.nnx.syntax;

import java.util.List;

/**
 * A parsed {@code .nnx} file.
 *
 * @param path the path as the user named it
 * @param text the full source text
 * @param experiments the experiment blocks, in order
 * @param hardware the hardware blocks, in order
 * @param searches the search blocks, in order
 * @param codesigns the codesign blocks, in order
 */
public record SourceFile(String path, String text, List<ExperimentNode> experiments, List<HardwareNode> hardware,
    List<SearchNode> searches, List<CodesignNode> codesigns) {

  /** A file of experiment blocks only. */
  public SourceFile(String path, String text, List<ExperimentNode> experiments) {
    this(path, text, experiments, List.of(), List.of(), List.of());
  }

  /** This file with other experiment blocks (e.g. after command-line overrides), every other block kept. */
  public SourceFile withExperiments(List<ExperimentNode> replaced) {
    return new SourceFile(path, text, replaced, hardware, searches, codesigns);
  }
}
