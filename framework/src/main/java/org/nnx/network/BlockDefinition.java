package org.nnx.network;

import org.nnx.block.Block;
import org.nnx.syntax.Location;
import org.nnx.syntax.NetworkNode;

/**
 * A checked {@code block NAME(params) { ... }}: a part of networks, used in a network's body like a
 * layer ({@code NAME(args)}), on the value current there.
 *
 * @param node the block as parsed
 * @param file the file it came from
 */
public record BlockDefinition(NetworkNode node, String file) implements Block {

  @Override
  public String kind() {
    return NetworkNode.BLOCK;
  }

  @Override
  public String name() {
    return node.name();
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
  public String source() {
    return node.source();
  }
}
