package org.nnx.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.block.Block;
import org.nnx.ir.Network;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.param.Problems;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.BuildContext;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.Location;
import org.nnx.syntax.NetworkNode;

/**
 * A {@code network NAME(params) { ... }} of a file: an architecture family like a built-in one,
 * whose networks {@link Program} builds from the definition and the blocks it uses.
 *
 * <p>Its {@link #source()} is the definition with every block it uses (directly or through other
 * blocks), so that an experiment's source carries everything its networks need and a stored value
 * is reused only while that text is unchanged.
 */
public final class NetworkFamily implements ArchitectureFamily, Block {

  private final NetworkNode node;
  private final Map<String, NetworkNode> blocks;
  private final List<ParameterSpec> parameters;
  private final String file;
  private final String source;

  /**
   * @param node the network as parsed
   * @param blocks the blocks it uses, directly or through other blocks, by name, in file order
   * @param parameters its parameters with their types and defaults
   * @param file the file it came from
   */
  NetworkFamily(NetworkNode node, Map<String, NetworkNode> blocks, List<ParameterSpec> parameters, String file) {
    this.node = node;
    this.blocks = Map.copyOf(blocks);
    this.parameters = List.copyOf(parameters);
    this.file = file;
    StringBuilder text = new StringBuilder();
    blocks.values().forEach(b -> text.append(b.source()).append("\n\n"));
    this.source = text.append(node.source()).toString();
  }

  @Override
  public String name() {
    return node.name();
  }

  @Override
  public String kind() {
    return NetworkNode.NETWORK;
  }

  @Override
  public String title() {
    return node.name();
  }

  @Override
  public Location location() {
    return node.location();
  }

  @Override
  public String file() {
    return file;
  }

  @Override
  public String source() {
    return source;
  }

  /** The definition as parsed. */
  public NetworkNode definition() {
    return node;
  }

  @Override
  public String description() {
    return "network written in " + file + ":" + node.location().line();
  }

  @Override
  public List<ParameterSpec> parameters() {
    return parameters;
  }

  /**
   * Builds the network with these parameters once and reports its first mistake where it is in
   * the definition, naming the parameters it was built with.
   */
  @Override
  public void validate(Parameters values, Problems problems) {
    try {
      Program.build(node, blocks, values(values), 0L);
    } catch (NetworkBuildException e) {
      Diagnostic d = e.diagnostic();
      String with = parameters.isEmpty() ? "" : "building " + name() + org.nnx.param.ParameterText.value(values,
          ", ");
      String hint = d.hint() == null ? with : with.isEmpty() ? d.hint() : d.hint() + "; " + with;
      problems.errorAt(d.location(), d.message(), hint.isEmpty() ? null : hint);
    }
  }

  /**
   * Builds the network; {@code context.seed()} seeds the long-range links of its dense cells.
   *
   * @throws NetworkBuildException if the definition has a mistake for these parameters ({@link
   *     #validate} reports it before a run)
   */
  @Override
  public Network build(Parameters values, BuildContext context) {
    return Program.build(node, blocks, values(values), context.seed());
  }

  /** The values the program reads: integers as {@code Long} (a real without fraction is one). */
  private static Map<String, Object> values(Parameters p) {
    Map<String, Object> out = new LinkedHashMap<>();
    p.asMap().forEach((k, v) -> out.put(k, v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e15
        ? (Object) (long) (double) d : v));
    return out;
  }

  @Override
  public String toString() {
    return "network " + name();
  }
}
