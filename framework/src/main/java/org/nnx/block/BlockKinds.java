package org.nnx.block;

import com.google.inject.Binder;
import com.google.inject.Inject;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nnx.plugin.PluginRegistry;
import org.nnx.syntax.BlockNode;
import org.nnx.syntax.DiagnosticCollector;
import org.nnx.syntax.Location;
import org.nnx.syntax.SourceFile;
import org.nnx.syntax.UserInputException;

/**
 * Every registered {@link BlockKind} by keyword, and the checking of whole files: names unique, each
 * block checked by its kind after the blocks it may name, every error of every block reported.
 */
public final class BlockKinds {

  private final Map<String, BlockKind<?, ?>> kinds = new LinkedHashMap<>();

  /**
   * @throws IllegalStateException if two kinds claim one keyword
   */
  @Inject
  public BlockKinds(Set<BlockKind<?, ?>> registered) {
    for (BlockKind<?, ?> k : registered) {
      BlockKind<?, ?> previous = kinds.putIfAbsent(k.keyword(), k);
      if (previous != null) {
        throw new IllegalStateException("block kind '" + k.keyword() + "' is registered twice: by "
            + previous.getClass().getName() + " and " + k.getClass().getName());
      }
    }
  }

  /**
   * The set binder block kinds are registered with, e.g. {@code
   * BlockKinds.register(binder()).addBinding().to(ExperimentKind.class)}.
   */
  public static Multibinder<BlockKind<?, ?>> register(Binder binder) {
    return Multibinder.newSetBinder(binder, new TypeLiteral<BlockKind<?, ?>>() {});
  }

  /** The kinds by keyword, in registration order. */
  public Map<String, BlockKind<?, ?>> kinds() {
    return java.util.Collections.unmodifiableMap(kinds);
  }

  /**
   * Checks every block of a file.
   *
   * @return the checked blocks, in file order
   * @throws UserInputException with every error found in any block, in source order
   */
  public ResolvedFile resolve(SourceFile file, PluginRegistry registry) throws UserInputException {
    return resolve(file, registry, true);
  }

  /**
   * Checks every block of a file.
   *
   * @param requireRunnable whether a file without a runnable block is an error (it is for {@code
   *     nnx run}; a file of network definitions is fine for {@code nnx plugins FILE})
   * @return the checked blocks, in file order
   * @throws UserInputException with every error found in any block, in source order
   */
  public ResolvedFile resolve(SourceFile file, PluginRegistry registry, boolean requireRunnable)
      throws UserInputException {
    DiagnosticCollector diagnostics = new DiagnosticCollector();
    List<BlockNode> nodes = unique(file, diagnostics);
    if (requireRunnable
        && file.blocks().stream().noneMatch(b -> kinds.containsKey(b.keyword()) && kinds.get(b.keyword()).runnable())) {
      diagnostics.error(new Location(file.path(), 1, 1), "no experiment in this file",
          "write experiment NAME { architectures { ... } measure ... }");
    }
    ResolveContext context = new ResolveContext(registry, file, diagnostics);
    Map<BlockNode, Block> resolved = new HashMap<>();
    for (String keyword : order()) {
      BlockKind<?, ?> kind = kinds.get(keyword);
      for (BlockNode node : nodes) {
        if (node.keyword().equals(keyword)) {
          Block block = resolve(kind, node, context);
          context.record(keyword, node.name(), block);
          if (block != null) {
            resolved.put(node, block);
          }
        }
      }
    }
    if (!diagnostics.isEmpty()) {
      throw new UserInputException(diagnostics.sorted());
    }
    List<ResolvedFile.Entry> out = new ArrayList<>();
    for (BlockNode node : nodes) {
      out.add(new ResolvedFile.Entry(kinds.get(node.keyword()), resolved.get(node)));
    }
    return new ResolvedFile(file.path(), out);
  }

  @SuppressWarnings("unchecked")
  private static <N extends BlockNode, B extends Block> Block resolve(BlockKind<N, B> kind, BlockNode node,
      ResolveContext context) {
    return kind.resolve((N) kind.syntax().cast(node), context);
  }

  /**
   * The blocks whose names are free, in file order: a second block of one kind with a taken name is
   * a duplicate of that kind; a runnable block named like another runnable block of another kind is
   * a duplicate name (runs are found by block name).
   */
  private List<BlockNode> unique(SourceFile file, DiagnosticCollector diagnostics) {
    Map<String, BlockNode> byKindAndName = new HashMap<>();
    Map<String, BlockNode> runnableNames = new HashMap<>();
    List<BlockNode> out = new ArrayList<>();
    for (BlockNode node : file.blocks()) {
      BlockKind<?, ?> kind = kinds.get(node.keyword());
      if (kind == null) {
        diagnostics.error(node.location(), "no installed plugin handles '" + node.keyword() + "' blocks",
            "known blocks: " + String.join(", ", kinds.keySet()));
        continue;
      }
      BlockNode same = byKindAndName.putIfAbsent(node.keyword() + " " + node.name(), node);
      if (same != null) {
        diagnostics.error(node.nameLocation(), "duplicate " + node.keyword() + " '" + node.name() + "'",
            "the first is at " + same.nameLocation().line() + ":" + same.nameLocation().column());
        continue;
      }
      if (kind.runnable()) {
        BlockNode other = runnableNames.putIfAbsent(node.name(), node);
        if (other != null) {
          diagnostics.error(node.nameLocation(), "duplicate name '" + node.name() + "'",
              "a block of this file is already called so, at " + other.nameLocation().line() + ":"
                  + other.nameLocation().column());
          continue;
        }
      }
      out.add(node);
    }
    return out;
  }

  /** The keywords in an order where every kind comes after the kinds it references. */
  private List<String> order() {
    Set<String> done = new LinkedHashSet<>();
    for (String keyword : kinds.keySet()) {
      visit(keyword, done, new LinkedHashSet<>());
    }
    return List.copyOf(done);
  }

  private void visit(String keyword, Set<String> done, Set<String> path) {
    if (done.contains(keyword) || !kinds.containsKey(keyword)) {
      return;
    }
    if (!path.add(keyword)) {
      throw new IllegalStateException("block kinds reference each other in a cycle: " + path);
    }
    for (String r : kinds.get(keyword).references()) {
      visit(r, done, path);
    }
    done.add(keyword);
  }
}
