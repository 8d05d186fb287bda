package org.nnx.syntax;

/**
 * A top-level block of a {@code .nnx} file, e.g. {@code experiment NAME { ... }}. Each kind of block
 * has its own grammar rule and its own node type; the framework finds the kind that checks and runs
 * a block by its {@link #keyword()}.
 */
public interface BlockNode {

  /** The keyword that opens the block, e.g. {@code experiment}. */
  String keyword();

  /** Where the block starts. */
  Location location();

  /** The block's name. */
  String name();

  /** Where the name is. */
  Location nameLocation();

  /** The block's exact source text. */
  String source();
}
