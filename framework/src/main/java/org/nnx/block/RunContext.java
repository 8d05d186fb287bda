package org.nnx.block;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.nnx.data.DataLocations;
import org.nnx.execute.TrialExecutor;
import org.nnx.plugin.PluginRegistry;
import org.nnx.store.ResultStore;

/**
 * What the run pipeline gives a block while it runs: its run directory, the result store, the trial
 * executor, where data is, and the outcomes of the blocks it needs.
 */
public interface RunContext {

  /** The block's run directory. */
  Path directory();

  /** Writes a file of the run directory whole (through a temporary file, moved into place). */
  void write(String name, String text) throws IOException;

  /** The installed plugins. */
  PluginRegistry registry();

  /** Where data sets are looked for. */
  DataLocations data();

  /** The result store, when the run keeps one. */
  Optional<ResultStore> store();

  /** Whether stored values are to be ignored (and replaced). */
  boolean fresh();

  /** Where trial repeats are computed. */
  TrialExecutor executor();

  /** Receives the block's progress (the terminal line and the store's run record). */
  Progress progress();

  /** The plugin jars another process needs to load the same plugins. */
  List<String> pluginJars();

  /**
   * The outcome of a block of this run that ran before this one (one of its {@link Block#needs()}).
   *
   * @throws IllegalStateException if that block has not run
   */
  BlockOutcome outcome(String block);
}
