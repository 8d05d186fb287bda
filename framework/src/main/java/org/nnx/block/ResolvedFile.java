package org.nnx.block;

import java.util.List;

/**
 * Every block of a checked file, in file order, each with its kind.
 *
 * @param path the file's path as the user named it
 * @param blocks the blocks
 */
public record ResolvedFile(String path, List<Entry> blocks) {

  /**
   * One block and its kind.
   *
   * @param kind the kind that checked it and runs it
   * @param block the checked block
   */
  public record Entry(BlockKind<?, ?> kind, Block block) {

    /** {@link BlockKind#missingInputs} of this block. */
    public List<org.nnx.syntax.Diagnostic> missingInputs(org.nnx.data.DataLocations data) {
      return missing(kind, block, data);
    }

    @SuppressWarnings("unchecked")
    private static <B extends Block> List<org.nnx.syntax.Diagnostic> missing(BlockKind<?, B> kind, Block block,
        org.nnx.data.DataLocations data) {
      return kind.missingInputs((B) block, data);
    }
  }

  public ResolvedFile {
    blocks = List.copyOf(blocks);
  }

  /** The runnable blocks, in file order. */
  public List<Entry> runnable() {
    return blocks.stream().filter(e -> e.kind().runnable()).toList();
  }

  /** The checked blocks of one type, in file order, e.g. {@code blocks(Experiment.class)}. */
  public <B extends Block> List<B> blocks(Class<B> type) {
    return blocks.stream().map(Entry::block).filter(type::isInstance).map(type::cast).toList();
  }

  /** The runnable block named {@code name}, if any. */
  public java.util.Optional<Entry> runnable(String name) {
    return runnable().stream().filter(e -> e.block().name().equals(name)).findFirst();
  }
}
