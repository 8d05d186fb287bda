package org.nnx.block;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nnx.param.ValueChecker;
import org.nnx.plugin.PluginRegistry;
import org.nnx.syntax.DiagnosticCollector;
import org.nnx.syntax.SourceFile;

/**
 * What a {@link BlockKind} checks a block against: the installed plugins, the whole file, the
 * blocks of the kinds it names (checked before it), and where its errors go.
 */
public final class ResolveContext {

  private final PluginRegistry registry;
  private final SourceFile file;
  private final DiagnosticCollector diagnostics;
  private final Map<String, Map<String, Object>> references = new LinkedHashMap<>();
  private double trials;

  /**
   * The most trials one file expands to, over all its blocks: 1,000,000, what a declaration may
   * sweep on its own. Each trial is a few hundred bytes before it runs, so a file of many large
   * sweeps is refused before its trials fill the heap.
   */
  public static final long MAX_FILE_TRIALS = 1_000_000;

  /**
   * @param registry the installed plugins
   * @param file the file being checked
   * @param diagnostics where errors go
   */
  public ResolveContext(PluginRegistry registry, SourceFile file, DiagnosticCollector diagnostics) {
    this.registry = registry;
    this.file = file;
    this.diagnostics = diagnostics;
  }

  /**
   * Counts {@code n} more trials against the file's {@link #MAX_FILE_TRIALS}, before they are
   * expanded.
   *
   * @param n trials about to be expanded, ≥ 0 (a double: a sweep's size may exceed a long)
   * @return whether they fit; when not, nothing is counted
   */
  public boolean reserveTrials(double n) {
    if (trials + n > MAX_FILE_TRIALS) {
      return false;
    }
    trials += n;
    return true;
  }

  /** The installed plugins. */
  public PluginRegistry registry() {
    return registry;
  }

  /** The file being checked. */
  public SourceFile file() {
    return file;
  }

  /** Where errors go. */
  public DiagnosticCollector diagnostics() {
    return diagnostics;
  }

  /**
   * The blocks checked so far, by keyword then name, as {@link org.nnx.param.ParamType.Reference}
   * options name them: the checked block, or {@link ValueChecker#UNRESOLVED} for one whose errors
   * are already reported. The maps are live: blocks are added as they are checked.
   */
  public Map<String, Map<String, Object>> references() {
    return references;
  }

  /** The blocks of kind {@code keyword} checked so far, by name (live). */
  public Map<String, Object> blocks(String keyword) {
    return references.computeIfAbsent(keyword, k -> new LinkedHashMap<>());
  }

  /** The checked block of kind {@code keyword} named {@code name}, if it has no errors. */
  public <B extends Block> Optional<B> block(String keyword, String name, Class<B> type) {
    Object b = blocks(keyword).get(name);
    return type.isInstance(b) ? Optional.of(type.cast(b)) : Optional.empty();
  }

  /** Records the outcome of checking a block: the block, or {@code null} when it has errors. */
  void record(String keyword, String name, Block block) {
    blocks(keyword).putIfAbsent(name, block != null ? block : ValueChecker.UNRESOLVED);
  }
}
