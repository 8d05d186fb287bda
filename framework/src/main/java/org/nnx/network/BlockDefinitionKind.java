package org.nnx.network;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nnx.block.BlockKind;
import org.nnx.block.BlockOutcome;
import org.nnx.block.ResolveContext;
import org.nnx.block.RunContext;
import org.nnx.syntax.Location;
import org.nnx.syntax.NetworkNode;

/**
 * The {@code block NAME(params) { ... }} of a file: a part of networks, checked for what its syntax
 * alone shows (a name that is not a layer's, unique parameters, no call of itself); the rest is
 * checked when a network that uses it is built.
 */
public final class BlockDefinitionKind implements BlockKind<NetworkNode, BlockDefinition> {

  /** Names a block cannot take: the layers and the words of a body. */
  private static final Set<String> RESERVED = Set.of("input", "in_channels", "in_height", "in_width");

  @Override
  public String keyword() {
    return NetworkNode.BLOCK;
  }

  @Override
  public Class<NetworkNode> syntax() {
    return NetworkNode.class;
  }

  @Override
  public boolean runnable() {
    return false;
  }

  @Override
  public BlockDefinition resolve(NetworkNode node, ResolveContext context) {
    var diagnostics = context.diagnostics();
    boolean ok = true;
    if (Layers.names().contains(node.name()) || RESERVED.contains(node.name())) {
      diagnostics.error(node.nameLocation(), "block '" + node.name() + "' is named like a layer",
          "give the block another name; layers are " + String.join(", ", Layers.names()));
      ok = false;
    }
    ok &= uniqueParameters(node, context);
    if (node.body().isEmpty()) {
      diagnostics.error(node.location(), "block '" + node.name() + "' has no layers", "add the layers it applies");
      ok = false;
    }
    Map<String, NetworkNode> blocks = blocksOf(context);
    var cycle = NetworkDefinitions.cycle(node, blocks);
    if (cycle.isPresent()) {
      NetworkNode.Layer call = cycle.get().getKey();
      diagnostics.error(call.location(), "block '" + node.name() + "' uses itself (" + String.join(" -> ",
          cycle.get().getValue()) + ")", "a block cannot contain itself; write a repetition with repeat N { ... }");
      ok = false;
    }
    return ok ? new BlockDefinition(node, context.file().path()) : null;
  }

  /** Reports a parameter written twice; whether there was none. */
  static boolean uniqueParameters(NetworkNode node, ResolveContext context) {
    Map<String, Location> seen = new HashMap<>();
    boolean ok = true;
    for (NetworkNode.Param p : node.parameters()) {
      Location first = seen.putIfAbsent(p.name(), p.location());
      if (first != null) {
        context.diagnostics().error(p.location(), "duplicate parameter '" + p.name() + "' of " + node.keyword() + " '"
            + node.name() + "'", "it is first declared at " + first.line() + ":" + first.column());
        ok = false;
      }
    }
    return ok;
  }

  /** Every {@code block} of the file by name, in file order (the first of duplicates). */
  static Map<String, NetworkNode> blocksOf(ResolveContext context) {
    Map<String, NetworkNode> out = new LinkedHashMap<>();
    context.file().blocks().stream()
        .filter(b -> b instanceof NetworkNode n && n.keyword().equals(NetworkNode.BLOCK))
        .forEach(b -> out.putIfAbsent(b.name(), (NetworkNode) b));
    return out;
  }

  @Override
  public String describe(BlockDefinition block) {
    return "block " + block.name() + "(" + String.join(", ", block.node().parameters().stream()
        .map(NetworkNode.Param::name).toList()) + ")";
  }

  @Override
  public BlockOutcome run(BlockDefinition block, RunContext context) {
    throw new IllegalStateException("blocks are parts of networks; nothing runs them on their own");
  }
}
