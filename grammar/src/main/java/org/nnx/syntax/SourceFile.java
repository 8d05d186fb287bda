package org.nnx.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code .nnx} file: its top-level blocks in file order, whatever their kinds.
 *
 * @param path the path as the user named it
 * @param text the full source text
 * @param blocks the blocks, in file order
 */
public record SourceFile(String path, String text, List<BlockNode> blocks) {

  public SourceFile {
    blocks = List.copyOf(blocks);
  }

  /** The blocks of one node type, in file order, e.g. {@code blocks(ExperimentNode.class)}. */
  public <T extends BlockNode> List<T> blocks(Class<T> type) {
    return blocks.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** This file with {@code replaced} standing where {@code original} stood (compared by identity). */
  public SourceFile replace(BlockNode original, BlockNode replaced) {
    List<BlockNode> out = new ArrayList<>();
    for (BlockNode b : blocks) {
      out.add(b == original ? replaced : b);
    }
    return new SourceFile(path, text, out);
  }
}
