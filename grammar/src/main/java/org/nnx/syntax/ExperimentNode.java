package org.nnx.syntax;

import java.util.List;
import java.util.Optional;

/**
 * An {@code experiment NAME { ... }} block.
 *
 * @param location where the block starts
 * @param name the experiment's name
 * @param nameLocation where the name is
 * @param title the {@code title} entry
 * @param seed the {@code seed} entry
 * @param repeats the {@code repeats} entry
 * @param data the {@code data} entry
 * @param architectures the {@code architectures} entries, in order
 * @param train the {@code train} settings, in order
 * @param measures the {@code measure} entries, in order
 * @param reports the {@code report} items, in order
 * @param source the block's exact source text
 */
public record ExperimentNode(
    Location location,
    String name,
    Location nameLocation,
    Optional<ValueNode.Text> title,
    Optional<ValueNode.Number> seed,
    Optional<ValueNode.Number> repeats,
    Optional<ValueNode> data,
    List<ArchitectureNode> architectures,
    List<SettingNode> train,
    List<MeasureNode> measures,
    List<CallNode> reports,
    String source) implements BlockNode {

  /** The keyword {@code experiment}. */
  public static final String KEYWORD = "experiment";

  @Override
  public String keyword() {
    return KEYWORD;
  }
}
